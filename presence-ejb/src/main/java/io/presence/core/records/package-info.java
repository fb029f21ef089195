/**
 * A record's state beside its tabs: field locks (who may write a field, with a fencing token), the
 * lifecycle flag a back-end process sets while it changes the record ({@code stale}, {@code busy_by})
 * and the record's version, bumped when such a change completes or by a compare-and-bump.
 *
 * <p>The state lives in the same store as the record's tabs and shares its sequence numbers: a
 * {@link io.presence.core.records.StateDiff} is numbered in the same series as the tab diffs, so a
 * watcher applies both in one order and a gap in either reloads both. The port is {@link
 * io.presence.core.records.RecordStateStore}; {@link io.presence.core.records.FieldLocks} and {@link
 * io.presence.core.records.RecordLifecycle} are the services transports call. No transport, Redis or
 * Kafka type belongs here.
 */
package io.presence.core.records;
