package io.presence.core.records;

import io.presence.api.model.ResourceRef;
import java.util.Objects;

/**
 * A back-end process starting or finishing a change of a record (seed 002's MUTATING and MUTATED), as
 * it arrives over Kafka or REST.
 *
 * @param eventId the producer's id of the event; a second delivery of the same id changes nothing
 * @param phase starting or finished
 * @param ref the record
 * @param busyBy who is changing it (shown to watchers while the record is stale); may be null
 */
public record LifecycleEvent(String eventId, Phase phase, ResourceRef ref, String busyBy) {

    /** Which side of the change. */
    public enum Phase {
        MUTATING,
        MUTATED
    }

    public LifecycleEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(ref, "ref");
    }
}
