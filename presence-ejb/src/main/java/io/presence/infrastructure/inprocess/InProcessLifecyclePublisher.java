package io.presence.infrastructure.inprocess;

import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecyclePublisher;
import io.presence.core.records.RecordStateStore.LifecycleOutcome;
import java.util.function.Function;

/**
 * The {@link LifecyclePublisher} without Kafka: an event accepted over REST is applied at once, on the
 * caller's thread, and the answer says what it did. There is nothing to start or close.
 */
public final class InProcessLifecyclePublisher implements LifecyclePublisher {

    private final Function<LifecycleEvent, LifecycleOutcome> lifecycle;

    /** @param lifecycle applies an event once per event id ({@code RecordLifecycle::apply}) */
    public InProcessLifecyclePublisher(Function<LifecycleEvent, LifecycleOutcome> lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Publication publish(LifecycleEvent event) {
        return Publication.of(lifecycle.apply(event));
    }

    @Override
    public void start() {}

    @Override
    public void close() {}
}
