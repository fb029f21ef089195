package io.presence.infrastructure.inprocess;

import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link ResourceEvents} within one JVM. */
public final class InProcessResourceEvents implements ResourceEvents {

    private static final Logger LOG = Logger.getLogger(InProcessResourceEvents.class.getName());

    private final List<Consumer<ResourceEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ResourceEvent event) {
        for (Consumer<ResourceEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "resource event listener failed for " + event.eventType(), e);
            }
        }
    }

    @Override
    public void addListener(Consumer<ResourceEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
