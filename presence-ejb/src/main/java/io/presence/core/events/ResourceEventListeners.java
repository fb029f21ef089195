package io.presence.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners of one {@link ResourceEvents} bus. Delivers an event to each in registration order;
 * a listener that throws is logged and does not keep the event from the others.
 */
public final class ResourceEventListeners {

    private static final Logger LOG = Logger.getLogger(ResourceEventListeners.class.getName());

    private final List<Consumer<ResourceEvent>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<ResourceEvent> listener) {
        listeners.add(listener);
    }

    public void deliver(ResourceEvent event) {
        for (Consumer<ResourceEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "resource event listener failed for " + event.eventType(), e);
            }
        }
    }

    public void clear() {
        listeners.clear();
    }
}
