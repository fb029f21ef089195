package io.presence.web.rest;

import io.presence.api.model.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/whoami}: the caller as the server sees it. Touches no store, so it is also the
 * authenticated no-op the heartbeat benchmark compares against.
 */
@Path("whoami")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class WhoAmIResource {

    @Inject
    CurrentCaller currentCaller;

    @GET
    public Response whoami() {
        Caller caller = currentCaller.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", caller.userId());
        data.put("name", caller.name());
        data.put("tenant", caller.tenant());
        data.put("groups", new TreeSet<>(caller.groups()));
        return Envelope.ok(data);
    }
}
