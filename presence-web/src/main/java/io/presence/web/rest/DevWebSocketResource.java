package io.presence.web.rest;

import io.presence.core.errors.NotFoundException;
import io.presence.core.security.Authenticator;
import io.presence.web.ws.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Development hooks for the WebSocket layer of this node (development mode only, 404 otherwise):
 * <ul>
 *   <li>{@code POST /api/v1/dev/ws/close} closes the calling user's connections with 1012 (service
 *       restart), so that a browser test can watch the client reconnect and recover; the tabs keep
 *       their grace period, as after any server-side drop;
 *   <li>{@code GET /api/v1/dev/ws/stats} returns the node's WebSocket counters.
 * </ul>
 */
@Path("dev/ws")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class DevWebSocketResource {

    @Inject
    Authenticator authenticator;

    @Inject
    CurrentCaller caller;

    @Inject
    Connections connections;

    @POST
    @Path("close")
    public Response close() {
        requireDevelopmentMode();
        int closed = connections.closeUser(
                caller.get(),
                new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "server restart (development hook)"));
        return Envelope.ok(Map.of("closed", closed));
    }

    @GET
    @Path("stats")
    public Response stats() {
        requireDevelopmentMode();
        caller.get();
        return Envelope.ok(connections.stats());
    }

    private void requireDevelopmentMode() {
        if (!authenticator.developmentMode()) {
            throw new NotFoundException("not_found", "Not Found", Map.of());
        }
    }
}
