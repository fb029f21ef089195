package io.presence.core.records;

import io.presence.core.records.RecordStateStore.LifecycleOutcome;

/**
 * Where a lifecycle event accepted over REST goes, so that it takes effect the same way as one a
 * domain application produced itself. Without Kafka it is applied at once ({@link
 * RecordLifecycle#apply}); with Kafka it is produced to the phase's lifecycle topic and applied by
 * whichever node consumes it, in order with the events domain applications produce there.
 *
 * <p>Either way an event takes effect once per {@code event_id}: a caller that is not sure whether a
 * publication went through publishes the same event again. The implementation is chosen by the
 * composition root; it runs from the application's start to its end.
 */
public interface LifecyclePublisher extends AutoCloseable {

    /**
     * Applies the event now or queues it.
     *
     * @throws io.presence.core.errors.StoreUnavailableException when applied now and the store is down
     * @throws io.presence.core.errors.EventQueueUnavailableException when it cannot be queued
     */
    Publication publish(LifecycleEvent event);

    /** Starts taking the events queued by any node (a consumer thread); called once, as the application starts. */
    void start();

    /** Stops taking events and releases the clients. */
    @Override
    void close();

    /**
     * What became of a published event.
     *
     * @param lifecycle the record's lifecycle after the event; null when it was queued
     */
    record Publication(Status status, Lifecycle lifecycle) {

        /** How the event was taken. */
        public enum Status {
            /** Applied now: the record's lifecycle changed. */
            APPLIED,
            /** Its event id was applied before; nothing changed. */
            DUPLICATE,
            /** Queued: it takes effect when consumed, usually within a second. */
            QUEUED
        }

        public static final Publication QUEUED = new Publication(Status.QUEUED, null);

        /** The publication of an event applied now. */
        public static Publication of(LifecycleOutcome outcome) {
            return new Publication(outcome.applied() ? Status.APPLIED : Status.DUPLICATE, outcome.lifecycle());
        }
    }
}
