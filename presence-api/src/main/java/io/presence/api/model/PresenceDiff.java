package io.presence.api.model;

import java.util.Objects;

/**
 * One change of a record's presence, as watchers receive it.
 *
 * <p>{@code seq} increases by exactly one per diff of the record, across all nodes, so a watcher that
 * sees a gap knows it missed something and asks for a fresh snapshot. A tab that changes its mode,
 * dirty flag or field is one {@link Kind#UPDATE}, never a leave followed by a join.
 *
 * @param ref the record
 * @param seq the record's sequence number after this diff
 * @param kind join, update or leave
 * @param tab the tab as it is now (for a leave: as it was last seen)
 * @param reason why a tab left: {@code unregister}, {@code expired}, {@code closed}; null otherwise
 */
public record PresenceDiff(ResourceRef ref, long seq, Kind kind, TabPresence tab, String reason) {

    /** What happened to the tab. */
    public enum Kind {
        JOIN,
        UPDATE,
        LEAVE
    }

    public PresenceDiff {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tab, "tab");
    }
}
