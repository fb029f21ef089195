package io.presence.core.records;

import io.presence.api.model.ResourceRef;
import java.util.Objects;

/**
 * One change of a record's state, numbered in the same series as its tab diffs.
 *
 * @param kind what changed
 * @param lock the lock acquired, or the lock as it was when released; null for {@link Kind#LIFECYCLE}
 * @param lifecycle the record's lifecycle after the change; null for lock changes
 * @param reason why a lock went: {@code unlock}, {@code forced}, {@code expired}, or the leave reason
 *     of the holder's tab ({@code unregister}, {@code closed}, {@code expired}); for a lifecycle change
 *     {@code mutating}, {@code mutated}, {@code bumped} or {@code expired}
 */
public record StateDiff(ResourceRef ref, long seq, Kind kind, FieldLock lock, Lifecycle lifecycle, String reason) {

    /** What happened. */
    public enum Kind {
        LOCKED,
        UNLOCKED,
        LIFECYCLE
    }

    public StateDiff {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LIFECYCLE) != (lifecycle != null) || (kind != Kind.LIFECYCLE) != (lock != null)) {
            throw new IllegalArgumentException("a lock change carries a lock, a lifecycle change a lifecycle");
        }
    }
}
