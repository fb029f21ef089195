package io.presence.core.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners of a status or typing store. Delivers a change to each in registration order; a
 * listener that throws is logged and does not keep the change from the others.
 *
 * @param <T> {@link StatusChanged} or {@link TypingChanged}
 */
public final class ChangeListeners<T> {

    private static final Logger LOG = Logger.getLogger(ChangeListeners.class.getName());

    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<T> listener) {
        listeners.add(listener);
    }

    public void deliver(T change) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed for " + change, e);
            }
        }
    }

    public void clear() {
        listeners.clear();
    }
}
