package io.presence.core.events;

import java.util.Optional;

/**
 * A source of resource events besides {@code POST /api/v1/events}: a topic that domain applications
 * write to, when one is configured. It reads each record with {@link ResourceEventPublisher#reader()}
 * (the same validation as REST) and puts the events on the {@link ResourceEvents} bus. It runs from
 * the application's start to its end; without a configured source it is {@link #NONE} and events come
 * in over REST only.
 */
public interface ResourceEventIntake extends AutoCloseable {

    /** No source besides REST: starts nothing, and there is nothing to be available. */
    ResourceEventIntake NONE = new ResourceEventIntake() {
        @Override
        public void start() {}

        @Override
        public Optional<Boolean> sourceAvailable() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    };

    /** Starts taking events, on a thread of its own; called once, as the application starts. */
    void start();

    /**
     * Empty when no source is configured; otherwise whether it answers now, for the readiness check.
     * May take a few seconds when the source does not answer.
     */
    Optional<Boolean> sourceAvailable();

    /** Stops taking events and releases the source's clients. */
    @Override
    void close();
}
