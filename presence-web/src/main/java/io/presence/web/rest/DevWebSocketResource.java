package io.presence.web.rest;

import io.presence.core.errors.NotFoundException;
import io.presence.core.security.Authenticator;
import io.presence.web.ws.Connections;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /api/v1/dev/ws/close} (development only, 404 otherwise): closes the calling user's
 * WebSocket connections on this node with 1012 (service restart), so that a browser test can watch the
 * client reconnect and recover. The tabs keep their grace period, as after any server-side drop.
 */
@Path("dev/ws/close")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class DevWebSocketResource {

    @Inject
    Authenticator authenticator;

    @Inject
    CurrentCaller caller;

    @Inject
    Connections connections;

    @POST
    public Response close() {
        if (!authenticator.developmentMode()) {
            throw new NotFoundException("not_found", "Not Found", Map.of());
        }
        int closed = connections.closeUser(caller.get(),
                new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "server restart (development hook)"));
        return Envelope.ok(Map.of("closed", closed));
    }
}
