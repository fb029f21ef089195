package io.presence.core.hub;

import io.presence.core.metrics.Counters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the hub measures: subscriptions by kind (gauges), messages delivered to subscribers by kind
 * (counters resolved once, so a delivery costs one increment), and the census of this node's connection
 * tabs by resource type, taken at most once a second however many gauges read it.
 */
final class HubMetrics {

    static final String SUBSCRIPTIONS = "presence_subscriptions";
    static final String DELIVERED = "presence_messages_delivered";

    /** How long one census serves the gauges that read it, in nanoseconds. */
    private static final long CENSUS_AGE = 1_000_000_000L;

    final AtomicLong recordSubscriptions = new AtomicLong();
    final AtomicLong typeSubscriptions = new AtomicLong();
    final AtomicLong userSubscriptions = new AtomicLong();

    private final Map<Class<? extends HubMessage>, Counters.Counter> delivered;
    private final Supplier<Census> takeCensus;
    private volatile Census census;
    private volatile long censusAt;

    /** Tabs and distinct users (tenant and user id) per resource type. */
    record Census(Map<String, Integer> tabs, Map<String, Integer> users) {

        static Census of(Iterable<Map.Entry<String, String>> typeAndUser) {
            Map<String, Integer> tabs = new HashMap<>();
            Map<String, Set<String>> users = new HashMap<>();
            for (Map.Entry<String, String> tab : typeAndUser) {
                tabs.merge(tab.getKey(), 1, Integer::sum);
                users.computeIfAbsent(tab.getKey(), t -> new HashSet<>()).add(tab.getValue());
            }
            Map<String, Integer> userCounts = new HashMap<>();
            users.forEach((type, set) -> userCounts.put(type, set.size()));
            return new Census(tabs, userCounts);
        }
    }

    HubMetrics(Counters metrics, Supplier<Census> takeCensus) {
        this.takeCensus = takeCensus;
        this.delivered = Map.of(
                HubMessage.RecordSnapshot.class, delivered(metrics, "record_snapshot"),
                HubMessage.TypeSnapshot.class, delivered(metrics, "type_snapshot"),
                HubMessage.Diff.class, delivered(metrics, "diff"),
                HubMessage.StateChange.class, delivered(metrics, "state"),
                HubMessage.Event.class, delivered(metrics, "event"),
                HubMessage.UserSnapshot.class, delivered(metrics, "user_snapshot"),
                HubMessage.UserStatusChange.class, delivered(metrics, "status"),
                HubMessage.UserStatusBatch.class, delivered(metrics, "status"),
                HubMessage.TypingChange.class, delivered(metrics, "typing"),
                HubMessage.AccessRevoked.class, delivered(metrics, "unsubscribed"));
        metrics.gauge(SUBSCRIPTIONS, Map.of("kind", "record"), recordSubscriptions::get);
        metrics.gauge(SUBSCRIPTIONS, Map.of("kind", "type"), typeSubscriptions::get);
        metrics.gauge(SUBSCRIPTIONS, Map.of("kind", "users"), userSubscriptions::get);
    }

    private static Counters.Counter delivered(Counters metrics, String kind) {
        return metrics.counter(DELIVERED, Map.of("kind", kind));
    }

    /** Whether deliveries of this kind of message are counted (all are: {@code HubMetricsTest}). */
    boolean counts(Class<?> kind) {
        return delivered.containsKey(kind);
    }

    void delivered(HubMessage message) {
        if (message instanceof HubMessage.UserStatusBatch batch) {
            delivered.get(HubMessage.UserStatusBatch.class).add(batch.changes().size());
        } else {
            delivered.get(message.getClass()).increment();
        }
    }

    long subscriptions() {
        return recordSubscriptions.get() + typeSubscriptions.get() + userSubscriptions.get();
    }

    /** The latest census, taken again when it is older than a second. */
    Census census() {
        long now = System.nanoTime();
        Census last = census;
        if (last == null || now - censusAt > CENSUS_AGE) {
            last = takeCensus.get();
            census = last;
            censusAt = now;
        }
        return last;
    }
}
