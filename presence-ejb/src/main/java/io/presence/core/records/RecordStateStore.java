package io.presence.core.records;

import io.presence.api.model.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where records' locks and lifecycles live: the same store as their tabs (the in-memory one, or Redis
 * shared by all nodes), read with them in {@link io.presence.core.presence.PresenceStore#snapshot}.
 *
 * <p>Contract, verified by one suite on every implementation:
 * <ul>
 *   <li>each operation is atomic per record; every change emits one {@link StateDiff} numbered in the
 *       record's series of diffs, tab diffs included, and reaching every listener once in order;
 *   <li>a lock belongs to a live tab of its holder; when that tab leaves (for any reason) its locks are
 *       released in the same step, each with the tab's leave reason;
 *   <li>a lock's lease is renewed whenever its tab heartbeats or is refreshed by its node; a lease that
 *       lapses anyway is released (reason {@code expired}) by the store's sweep;
 *   <li>fencing tokens of one field of one record only increase, for as long as the record's state is
 *       kept;
 *   <li>a stale flag lapses by itself at its {@code staleUntil} (a lifecycle diff, reason {@code expired}).
 * </ul>
 * Infrastructure failures surface as {@link io.presence.core.errors.StoreUnavailableException}.
 */
public interface RecordStateStore {

    /**
     * Locks {@code field} for the user's tab, or renews the lease when that tab holds it already.
     *
     * @param lease how long the lock lives without a heartbeat or refresh of its tab
     */
    LockOutcome lock(ResourceRef ref, String field, String userId, String tabId, Duration lease, Instant now);

    /** Releases the user's lock of {@code field} (reason {@code unlock}), whichever of the user's tabs holds it. */
    UnlockOutcome unlock(ResourceRef ref, String field, String userId, Instant now);

    /** Releases the lock of {@code field} whoever holds it (reason {@code forced}); null if none was held. */
    FieldLock forceUnlock(ResourceRef ref, String field, Instant now);

    /**
     * Marks the record stale, being changed by {@code busyBy}, until the change completes or {@code staleFor}
     * passes. An event id already applied to this record changes nothing.
     */
    LifecycleOutcome mutating(ResourceRef ref, String busyBy, String eventId, Duration staleFor, Instant now);

    /** Clears the stale flag and bumps the version; an event id already applied changes nothing. */
    LifecycleOutcome mutated(ResourceRef ref, String eventId, Instant now);

    /** Bumps the version if it is {@code expected}; the outcome carries the version after the call. */
    BumpOutcome compareAndBump(ResourceRef ref, long expected, Instant now);

    /** How many records are stale at {@code now}, across all nodes (seed 002's gauge). */
    long staleRecords(Instant now);

    /** Registers a listener for the state diffs of all records, from any node. */
    void addStateListener(Consumer<StateDiff> listener);

    /** What {@link #lock} did. */
    record LockOutcome(Status status, FieldLock lock) {
        public enum Status {
            /** The tab holds the lock now, with a new fencing token. */
            ACQUIRED,
            /** The tab held it already; its lease was renewed (same token). */
            RENEWED,
            /** Another tab holds it: {@code lock} is that lock. */
            HELD,
            /** The user has no live tab {@code tabId} on the record; {@code lock} is null. */
            NO_TAB
        }
    }

    /** What {@link #unlock} did; {@code lock} is the released lock, or the other holder's. */
    record UnlockOutcome(Status status, FieldLock lock) {
        public enum Status {
            RELEASED,
            /** Nobody held it. */
            NOT_HELD,
            /** Another user holds it; nothing changed. */
            HELD_BY_OTHER
        }
    }

    /**
     * @param applied false when the event was applied before (a duplicate delivery)
     * @param lifecycle the record's lifecycle after the call
     */
    record LifecycleOutcome(boolean applied, Lifecycle lifecycle) {}

    /** @param bumped false on a version mismatch; {@code version} is then the current one */
    record BumpOutcome(boolean bumped, long version) {}
}
