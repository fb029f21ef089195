package io.presence.web.ws;

import io.presence.core.hub.Hub;
import io.presence.web.health.Draining;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Starts the WebSocket layer with the application: the hub (fan-out of diffs and resource events,
 * clearing and refreshing this node's tabs) is made and started by its injection here, then keep-alive
 * and the WebSocket listener of its own.
 *
 * <p>Stops it before the application goes (SIGTERM, undeploy): readiness goes DOWN first, then every
 * WebSocket client gets a close 1001 "server shutting down", so that it reconnects to another node
 * while its tabs wait out their grace; the node waits up to {@link #CLOSE_WAIT} for the clients to
 * answer before the listeners stop.
 */
@ApplicationScoped
public class WsStartup {

    @Inject
    Hub hub;

    @Inject
    Connections connections;

    @Inject
    WsListener listener;

    @Inject
    Draining draining;

    /** How long a stopping node waits for its clients to answer the close frames. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        connections.start();
        listener.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        draining.start();
        connections.closeAll(CLOSE_WAIT);
    }
}
