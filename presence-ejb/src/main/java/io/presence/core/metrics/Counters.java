package io.presence.core.metrics;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the core measures for operators, by name and tags: counters (monotonic), gauges (read when the
 * metrics endpoint is scraped), histograms of sizes and timers of durations, e.g. {@code
 * redis_presence_locks_acquired} with {@code entity=order}. An implementation adds whatever suffix its
 * format needs ({@code _total} for a counter in Prometheus text).
 *
 * <p>Hot paths resolve a {@link Counter}, {@link Histogram} or {@link Timer} once per tag set and keep
 * it, instead of naming the metric on every event: finding a metric by name and tags costs a map look-up
 * and the tags' allocation each time.
 */
public interface Counters {

    /**
     * Requests and messages answered with {@code store_unavailable} (503), by {@code channel}: the
     * transports count them, as they answer them.
     */
    String STORE_UNAVAILABLE = "presence_store_unavailable";

    /** Counts nothing: for code running without a metrics endpoint (tests, tools). */
    Counters NONE = (name, tags) -> {};

    /** Adds one to a counter; for rare events, where resolving a {@link Counter} once is not worth it. */
    void increment(String name, Map<String, String> tags);

    /** The counter of this name and tags, to keep and increment on a hot path. */
    default Counter counter(String name, Map<String, String> tags) {
        return () -> increment(name, tags);
    }

    /** A distribution of sizes (e.g. commands per Redis pipeline). */
    default Histogram histogram(String name, Map<String, String> tags) {
        return Histogram.NONE;
    }

    /** A distribution of durations. */
    default Timer timer(String name, Map<String, String> tags) {
        return Timer.NONE;
    }

    /** A value read on each scrape; registering the same name and tags again keeps the first. */
    default void gauge(String name, Map<String, String> tags, LongSupplier value) {}

    /** One counter, resolved once. */
    @FunctionalInterface
    interface Counter {
        Counter NONE = () -> {};

        void increment();

        /** Adds {@code count} at once (a message that carries several deliveries). */
        default void add(long count) {
            for (long i = 0; i < count; i++) {
                increment();
            }
        }
    }

    /** One histogram, resolved once. */
    @FunctionalInterface
    interface Histogram {
        Histogram NONE = value -> {};

        void record(long value);
    }

    /** One timer, resolved once. */
    @FunctionalInterface
    interface Timer {
        Timer NONE = nanos -> {};

        void record(long nanos);
    }
}
