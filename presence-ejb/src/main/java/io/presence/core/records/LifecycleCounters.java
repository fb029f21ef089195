package io.presence.core.records;

import io.presence.core.metrics.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's counts of lifecycle events taken from topics, per topic, for the metrics endpoint (seed
 * 002's {@code kafka_consumer_records_consumed_total{topic}} and the dead-letter count that should stay
 * 0). A record counts once when this node is done with it: applied, found a duplicate, or
 * dead-lettered; retries of it do not count. Counts start at 0 with the node.
 *
 * <p>Each count also goes to the metrics endpoint as seed 002 names it: {@code
 * kafka_consumer_records_consumed{topic}} for a record done with, and the same counter with the topic
 * {@code <topic>.dlt} for one dead-lettered (seed 002's "DLQ size, should be 0").
 */
@ApplicationScoped
public class LifecycleCounters {

    /** Seed 002's counter name (Prometheus adds {@code _total}). */
    public static final String CONSUMED = "kafka_consumer_records_consumed";

    @Inject
    Counters metrics = Counters.NONE;

    private final ConcurrentMap<String, AtomicLong> consumed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();

    /** A record of {@code topic} is done with (its offset is about to be committed). */
    public void countConsumed(String topic) {
        consumed.computeIfAbsent(topic, any -> new AtomicLong()).incrementAndGet();
        metrics.increment(CONSUMED, Map.of("topic", topic));
    }

    /** A record of {@code topic} was sent to its dead-letter topic after its retries. */
    public void countDeadLettered(String topic) {
        deadLettered.computeIfAbsent(topic, any -> new AtomicLong()).incrementAndGet();
        metrics.increment(CONSUMED, Map.of("topic", topic + ".dlt"));
    }

    public long consumed(String topic) {
        AtomicLong count = consumed.get(topic);
        return count == null ? 0 : count.get();
    }

    public long deadLettered(String topic) {
        AtomicLong count = deadLettered.get(topic);
        return count == null ? 0 : count.get();
    }

    /** Records done with, per source topic (dead-lettered ones included), ordered by topic. */
    public Map<String, Long> consumedByTopic() {
        return copy(consumed);
    }

    /** Records dead-lettered, per source topic, ordered by topic. */
    public Map<String, Long> deadLetteredByTopic() {
        return copy(deadLettered);
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((topic, count) -> copy.put(topic, count.get()));
        return copy;
    }
}
