package io.presence.core.records;

import java.time.Instant;
import java.util.List;

/**
 * A record's locks and lifecycle, read atomically with its tabs (see {@link
 * io.presence.core.presence.Snapshot}).
 *
 * @param locks the live locks, ordered by field
 */
public record RecordState(Lifecycle lifecycle, List<FieldLock> locks) {

    public static final RecordState EMPTY = new RecordState(Lifecycle.NONE, List.of());

    public RecordState {
        locks = List.copyOf(locks);
    }

    /** The lock of {@code field}, or null. */
    public FieldLock lock(String field) {
        for (FieldLock lock : locks) {
            if (lock.field().equals(field)) {
                return lock;
            }
        }
        return null;
    }

    /** This state as seen at {@code now}: lapsed locks and a lapsed stale flag are gone. */
    public RecordState at(Instant now) {
        return new RecordState(
                lifecycle.at(now),
                locks.stream().filter(lock -> !lock.lapsedAt(now)).toList());
    }
}
