package io.presence.web.metrics;

import io.presence.core.metrics.Counters;
import io.presence.core.records.RecordStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The core's measurements as MicroProfile Metrics of the application scope, which Payara serves on
 * {@code /metrics} in Prometheus text ({@code _total} added to counters: {@code
 * redis_presence_locks_acquired_total{entity="order"}}, {@code _seconds} to timers), and the gauge of
 * stale records, {@code redis_presence_stale_entities}, counted across the cluster on each scrape.
 * Resolved counters, histograms and timers are the registry's own objects, so a hot path that keeps
 * one pays only the increment.
 */
@ApplicationScoped
public class MicroProfileCounters implements Counters {

    static final String STALE_ENTITIES = "redis_presence_stale_entities";

    @Inject
    MetricRegistry registry;

    @Inject
    RecordStateStore records;

    @Override
    public void increment(String name, Map<String, String> tags) {
        registry.counter(name, tags(tags)).inc();
    }

    @Override
    public Counter counter(String name, Map<String, String> tags) {
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(name, tags(tags));
        return new Counter() {
            @Override
            public void increment() {
                counter.inc();
            }

            @Override
            public void add(long count) {
                counter.inc(count);
            }
        };
    }

    @Override
    public Histogram histogram(String name, Map<String, String> tags) {
        org.eclipse.microprofile.metrics.Histogram histogram = registry.histogram(name, tags(tags));
        return histogram::update;
    }

    @Override
    public Timer timer(String name, Map<String, String> tags) {
        org.eclipse.microprofile.metrics.Timer timer = registry.timer(name, tags(tags));
        return nanos -> timer.update(Duration.ofNanos(nanos));
    }

    @Override
    public void gauge(String name, Map<String, String> tags, LongSupplier value) {
        registry.gauge(name, value::getAsLong, tags(tags));
    }

    void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge(STALE_ENTITIES, Map.of(), () -> records.staleRecords(Instant.now()));
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toArray(Tag[]::new);
    }
}
