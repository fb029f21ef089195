package io.presence.infrastructure.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * When to try a partition's failing record again. A record that fails is tried again after each delay
 * of the schedule in turn (1 s, 3 s, 9 s by default) and then given up (dead-lettered by the caller).
 * An unavailable dependency (the store, or the dead-letter topic) is not the record's fault: it is
 * retried with a backoff of {@value #FIRST_BACKOFF_MS} ms doubling to {@value #MAX_BACKOFF_MS} ms, for as
 * long as it takes, and the schedule's count does not advance.
 *
 * <p>The consumer pauses a partition while it waits, so that the other partitions flow meanwhile.
 * Bookkeeping is per partition, for the one record at its position; a partition that moves to another
 * node starts its count again there. Times are passed in; not thread-safe (the consumer's thread only).
 */
final class PartitionRetries {

    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;

    private final List<Duration> delays;
    private final Map<TopicPartition, Failing> failing = new HashMap<>();

    /** @param delays the waits before the second, third, … attempt; empty: give up after one */
    PartitionRetries(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /**
     * An attempt of the record at {@code offset} failed at {@code now}: when to try it again, or empty
     * when its retries are used up.
     */
    Optional<Instant> failed(TopicPartition partition, long offset, Instant now) {
        Failing record = recordAt(partition, offset);
        record.attempts.add(now);
        if (record.attempts.size() > delays.size()) {
            record.resumeAt = null;
            return Optional.empty();
        }
        record.resumeAt = now.plus(delays.get(record.attempts.size() - 1));
        return Optional.of(record.resumeAt);
    }

    /** Something the record needs is down at {@code now}: when to try again (not counted as an attempt). */
    Instant unavailable(TopicPartition partition, long offset, Instant now) {
        Failing record = recordAt(partition, offset);
        record.backoffMs = record.backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(record.backoffMs * 2, MAX_BACKOFF_MS);
        record.resumeAt = now.plusMillis(record.backoffMs);
        return record.resumeAt;
    }

    /** When each failed attempt of the partition's record failed, in order. */
    List<Instant> attempts(TopicPartition partition) {
        Failing record = failing.get(partition);
        return record == null ? List.of() : List.copyOf(record.attempts);
    }

    /** The partition's record is done with (applied or dead-lettered). */
    void done(TopicPartition partition) {
        failing.remove(partition);
    }

    /** The partitions whose wait is over at {@code now}; each is returned once per wait. */
    List<TopicPartition> due(Instant now) {
        List<TopicPartition> due = new ArrayList<>();
        failing.forEach((partition, record) -> {
            if (record.resumeAt != null && !record.resumeAt.isAfter(now)) {
                record.resumeAt = null;
                due.add(partition);
            }
        });
        return due;
    }

    /** The earliest end of a wait, if any partition waits. */
    Optional<Instant> nextDue() {
        return failing.values().stream()
                .map(record -> record.resumeAt)
                .filter(at -> at != null)
                .min(Instant::compareTo);
    }

    /** The partitions went to another node (or the consumer was reopened): their counts start again. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(failing::remove);
    }

    void forgetAll() {
        failing.clear();
    }

    private Failing recordAt(TopicPartition partition, long offset) {
        Failing record = failing.get(partition);
        if (record == null || record.offset != offset) {
            record = new Failing(offset);
            failing.put(partition, record);
        }
        return record;
    }

    /** The record at a partition's position that has failed, and its attempts. */
    private static final class Failing {
        final long offset;
        final List<Instant> attempts = new ArrayList<>();
        long backoffMs;
        Instant resumeAt;

        Failing(long offset) {
            this.offset = offset;
        }
    }
}
