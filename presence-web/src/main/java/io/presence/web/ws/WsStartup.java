package io.presence.web.ws;

import io.presence.core.hub.Hub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the WebSocket layer with the application: the hub (fan-out of diffs and resource events,
 * clearing and refreshing this node's tabs) is made and started by its injection here, then keep-alive
 * and the WebSocket listener of its own.
 */
@ApplicationScoped
public class WsStartup {

    @Inject
    Hub hub;

    @Inject
    Connections connections;

    @Inject
    WsListener listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        connections.start();
        listener.start();
    }
}
