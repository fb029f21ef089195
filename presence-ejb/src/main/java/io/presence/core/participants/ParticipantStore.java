package io.presence.core.participants;

import io.presence.api.model.ResourceRef;
import java.util.Set;

/**
 * Where the participants of records live: in this process ({@code presence.store=memory}) or in Redis,
 * shared by all nodes. Participants are facts the domain application registers (for conversations:
 * who takes part); plugins read them through {@link io.presence.api.spi.ResourceFacts} to decide who
 * may see a record.
 *
 * <p>Contract: {@link #replace} is atomic (a reader sees the old set or the new one, never a mix); an
 * empty set removes the record's entry. Records are tenant-scoped by their {@link ResourceRef}.
 * Infrastructure failures surface as {@link io.presence.core.errors.StoreUnavailableException}.
 */
public interface ParticipantStore extends AutoCloseable {

    /** The record's participants; empty when none are registered. */
    Set<String> participants(ResourceRef ref);

    /** Replaces the record's participants with {@code participants} (empty: removes them all). */
    void replace(ResourceRef ref, Set<String> participants);

    @Override
    default void close() {}
}
