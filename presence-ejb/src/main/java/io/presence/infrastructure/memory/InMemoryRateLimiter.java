package io.presence.infrastructure.memory;

import io.presence.core.limits.Gcra;
import io.presence.core.limits.Rate;
import io.presence.core.limits.RateDecision;
import io.presence.core.limits.RateKey;
import io.presence.core.limits.RateLimiter;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RateLimiter} in this JVM's memory, for one node: each key's theoretical arrival time in a
 * concurrent map, moved on atomically by {@link ConcurrentHashMap#compute}. A key whose TAT has passed is
 * as good as absent; every {@value #SWEEP_EVERY} takes, those are cleared out.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    static final int SWEEP_EVERY = 4096;

    /** Each key's TAT, in microseconds since the epoch. */
    private final ConcurrentHashMap<RateKey, Long> arrivals = new ConcurrentHashMap<>();

    private final AtomicLong takes = new AtomicLong();

    @Override
    public RateDecision take(RateKey key, Rate rate, Instant now) {
        long nowMicros = Gcra.micros(now);
        Gcra.Outcome[] outcome = new Gcra.Outcome[1];
        arrivals.compute(key, (k, tat) -> {
            outcome[0] = Gcra.take(tat == null ? nowMicros : tat, nowMicros, rate.intervalMicros(), rate.burst());
            return outcome[0].allowed() ? Long.valueOf(outcome[0].tat()) : tat;
        });
        if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
            // removes an entry only if it still holds the value tested: a concurrent take is never lost
            arrivals.values().removeIf(tat -> tat <= nowMicros);
        }
        return RateDecision.ofMicros(outcome[0], rate);
    }
}
