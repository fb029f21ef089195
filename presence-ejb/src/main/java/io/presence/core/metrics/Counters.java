package io.presence.core.metrics;

import java.util.Map;

/**
 * Monotonic counters by name and tags, e.g. {@code redis_presence_locks_acquired} with
 * {@code entity=order}. Names follow seed 002's dashboards where it has one; an implementation adds
 * whatever suffix its format needs ({@code _total} in Prometheus text).
 */
public interface Counters {

    /** Counts nothing: for code running without a metrics endpoint (tests, tools). */
    Counters NONE = (name, tags) -> {};

    void increment(String name, Map<String, String> tags);
}
