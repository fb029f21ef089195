package io.presence.infrastructure.inprocess;

import io.presence.api.model.ResourceRef;
import io.presence.core.presence.AccessChanges;
import io.presence.core.status.ChangeListeners;
import java.util.function.Consumer;

/** {@link AccessChanges} within one JVM: delivered to this node's listeners on the announcing thread. */
public final class InProcessAccessChanges implements AccessChanges {

    private final ChangeListeners<ResourceRef> listeners = new ChangeListeners<>();

    @Override
    public void announce(ResourceRef ref) {
        listeners.deliver(ref);
    }

    @Override
    public void addListener(Consumer<ResourceRef> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
