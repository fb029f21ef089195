package io.presence.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.infrastructure.memory.InMemoryRateLimiter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate limiter contract on the embedded in-memory limiter (one node: its "other node" is itself). */
class InMemoryRateLimiterTest extends RateLimiterContract {

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected RateLimiter otherNode() {
        return limiter;
    }

    @Test
    void keysWhoseAllowanceIsFullAgainAreForgottenWithoutLosingOthers() {
        Rate onePerHour = Rate.perPeriod(1, Duration.ofHours(1));
        Instant start = Instant.now();
        RateKey busy = new RateKey("api", "t", "busy");
        limiter.take(busy, onePerHour, start);
        for (int i = 0; i < 10_000; i++) { // each full again a millisecond later: most get swept
            limiter.take(
                    new RateKey("api", "t", "u" + i), Rate.perPeriod(1, Duration.ofMillis(1)), start.plusMillis(i));
        }
        assertEquals(
                Duration.ofHours(1).minusSeconds(1),
                limiter.take(busy, onePerHour, start.plusSeconds(1)).retryAfter(),
                "the sweeps kept the key still waiting");
    }
}
