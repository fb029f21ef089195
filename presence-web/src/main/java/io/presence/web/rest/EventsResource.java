package io.presence.web.rest;

import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventPublisher;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/events}: a domain application announces that it changed a record (seed 004),
 * {@code {"resource_type","resource_id","action","user_id","user","data"}}, with a token in the group
 * {@code presence-publisher}. The event is validated by the type's plugin and published to every node;
 * the answer says what was published.
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class EventsResource {

    @Inject
    ResourceEventPublisher publisher;

    @Inject
    CurrentCaller caller;

    @POST
    public Response publish(String body) {
        // Before the body: a caller who may not call this learns nothing of what it accepts.
        Publishers.require(caller.get());
        ResourceEvent event =
                publisher.publish(caller.get(), JsonBody.parse(body).json());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("published", true);
        data.put("type", event.eventType());
        data.put("resource_type", event.ref().type());
        data.put("resource_id", event.ref().id());
        data.put("action", event.action());
        data.put("at", event.at().toString());
        return Envelope.ok(data);
    }
}
