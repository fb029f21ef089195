package io.presence.web.ws;

import io.presence.core.events.ResourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Starts the WebSocket layer with the application: fan-out of diffs, clearing and refreshing of this
 * node's tabs, keep-alive, and delivery of resource events when a {@link ResourceEvents} bus is
 * deployed (it is optional: without one, subscribers simply get no events).
 */
@ApplicationScoped
public class WsStartup {

    private static final Logger LOG = Logger.getLogger(WsStartup.class.getName());

    @Inject
    Rooms rooms;

    @Inject
    WsTabs tabs;

    @Inject
    Connections connections;

    @Inject
    Instance<ResourceEvents> events;

    @Inject
    WsListener listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        rooms.listen();
        tabs.start();
        connections.start();
        listener.start();
        if (events.isResolvable()) {
            events.get().addListener(rooms::onEvent);
            LOG.info("WebSocket subscribers receive resource events");
        } else {
            LOG.info("no resource event bus is deployed: WebSocket subscribers receive presence only");
        }
    }
}
