package io.presence.infrastructure.inprocess;

import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventListeners;
import io.presence.core.events.ResourceEvents;
import java.util.function.Consumer;

/** {@link ResourceEvents} within one JVM: delivered to this node's listeners on the publishing thread. */
public final class InProcessResourceEvents implements ResourceEvents {

    private final ResourceEventListeners listeners = new ResourceEventListeners();

    @Override
    public void publish(ResourceEvent event) {
        listeners.deliver(event);
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
