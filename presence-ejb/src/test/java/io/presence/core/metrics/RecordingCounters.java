package io.presence.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Keeps what the core measures in memory, for tests to read back by name and tags. */
public final class RecordingCounters implements Counters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> samples = new ConcurrentHashMap<>();

    @Override
    public void increment(String name, Map<String, String> tags) {
        counts.computeIfAbsent(key(name, tags), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Histogram histogram(String name, Map<String, String> tags) {
        List<Long> values = samples.computeIfAbsent(key(name, tags), k -> new CopyOnWriteArrayList<>());
        return values::add;
    }

    @Override
    public Timer timer(String name, Map<String, String> tags) {
        return histogram(name, tags)::record;
    }

    @Override
    public void gauge(String name, Map<String, String> tags, LongSupplier value) {
        gauges.putIfAbsent(key(name, tags), value);
    }

    public long count(String name, Map<String, String> tags) {
        AtomicLong count = counts.get(key(name, tags));
        return count == null ? 0 : count.get();
    }

    public long gauge(String name, Map<String, String> tags) {
        LongSupplier gauge = gauges.get(key(name, tags));
        if (gauge == null) {
            throw new AssertionError("no gauge " + key(name, tags) + " among " + gauges.keySet());
        }
        return gauge.getAsLong();
    }

    public List<Long> samples(String name, Map<String, String> tags) {
        return samples.getOrDefault(key(name, tags), List.of());
    }

    private static String key(String name, Map<String, String> tags) {
        return name + new TreeMap<>(tags);
    }
}
