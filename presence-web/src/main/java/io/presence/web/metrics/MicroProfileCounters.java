package io.presence.web.metrics;

import io.presence.core.metrics.Counters;
import io.presence.core.records.RecordStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The core's counters as MicroProfile Metrics counters of the application scope (Prometheus adds
 * {@code _total}: {@code redis_presence_locks_acquired_total{entity="order"}}), and seed 002's gauge of
 * stale records, {@code redis_presence_stale_entities}, counted across the cluster on each scrape.
 */
@ApplicationScoped
public class MicroProfileCounters implements Counters {

    /** Seed 002's gauge name. */
    static final String STALE_ENTITIES = "redis_presence_stale_entities";

    @Inject
    MetricRegistry registry;

    @Inject
    RecordStateStore records;

    @Override
    public void increment(String name, Map<String, String> tags) {
        registry.counter(name, tags(tags)).inc();
    }

    void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(STALE_ENTITIES, () -> records.staleRecords(Instant.now()));
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toArray(Tag[]::new);
    }
}
