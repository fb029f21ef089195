package io.presence.web.rest;

import io.presence.core.events.ResourceEventCodec;
import io.presence.core.events.ResourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only, added to the WAR by the integration test: a listener on the node's real
 * {@link ResourceEvents} bus, registered at start-up like the WebSocket fan-out will be, that
 * records every event it receives and shows them at {@code GET /api/v1/test/resource-events} (each in
 * the bus's JSON form). Proves that accepted events reach the bus, validated and tenant-scoped.
 */
@Path("test/resource-events")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class RecordedResourceEvents {

    @Inject
    ResourceEvents bus;

    private final List<String> received = new CopyOnWriteArrayList<>();

    void listen(@Observes @Initialized(ApplicationScoped.class) Object started) {
        bus.addListener(event -> received.add(ResourceEventCodec.encode(event)));
    }

    @GET
    @Public
    public Response received() {
        return Envelope.ok(List.copyOf(received));
    }
}
