package io.presence.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link RateLimiter} contract, run on every implementation: the GCRA's burst, refill and waits,
 * one allowance per key, atomic takes, and one allowance shared by the nodes of one store. Time is
 * passed in; each test works in a tenant of its own.
 */
public abstract class RateLimiterContract {

    /** Five per second: one every 200 ms, all five at once after a quiet second. */
    private static final Rate FIVE_PER_SECOND = Rate.perPeriod(5, Duration.ofSeconds(1));

    private final String tenant = "t-" + UUID.randomUUID();
    private final RateKey alice = new RateKey("api", tenant, "alice");
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** The limiter under test. */
    protected abstract RateLimiter limiter();

    /**
     * A limiter of another node on the same store: for Redis a second adapter with a pool of its own;
     * for the memory store, whose only node is this one, the same limiter.
     */
    protected abstract RateLimiter otherNode();

    private RateDecision take(RateKey key, long afterMillis) {
        return limiter().take(key, FIVE_PER_SECOND, now.plusMillis(afterMillis));
    }

    @Test
    void aQuietClientTakesItsWholeBurstAtOnceThenWaitsOneInterval() {
        for (int left = 4; left >= 0; left--) {
            RateDecision granted = take(alice, 0);
            assertTrue(granted.allowed());
            assertEquals(left, granted.remaining());
            assertEquals(Duration.ZERO, granted.retryAfter());
        }
        RateDecision refused = take(alice, 0);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(Duration.ofMillis(200), refused.retryAfter());
        assertEquals(FIVE_PER_SECOND, refused.rate());
        assertEquals(Duration.ofMillis(150), take(alice, 50).retryAfter(), "the wait shrinks as time passes");
    }

    @Test
    void aRefusedRequestCostsNothing() {
        exhaust(alice);
        for (int i = 0; i < 20; i++) {
            assertFalse(take(alice, 100).allowed());
        }
        assertTrue(take(alice, 200).allowed(), "the next permit comes when the rate allows, however often refused");
        RateDecision next = take(alice, 200);
        assertFalse(next.allowed());
        assertEquals(Duration.ofMillis(200), next.retryAfter());
    }

    @Test
    void theAllowanceRefillsAtTheSustainedRate() {
        exhaust(alice);
        assertTrue(take(alice, 400).allowed());
        assertTrue(take(alice, 400).allowed());
        assertFalse(take(alice, 400).allowed(), "400 ms bring two permits");
        RateDecision full = take(alice, 1_400);
        assertTrue(full.allowed());
        assertEquals(4, full.remaining(), "a quiet second brings the whole burst back, no more");
    }

    @Test
    void aBurstSmallerThanTheRateIsHonoured() {
        Rate twentyPerSecondBurstThree = new Rate(20, Duration.ofSeconds(1), 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter().take(alice, twentyPerSecondBurstThree, now).allowed());
        }
        RateDecision refused = limiter().take(alice, twentyPerSecondBurstThree, now);
        assertFalse(refused.allowed());
        assertEquals(Duration.ofMillis(50), refused.retryAfter());
    }

    @Test
    void otherUsersTenantsAndScopesHaveAllowancesOfTheirOwn() {
        exhaust(alice);
        for (RateKey other : List.of(
                new RateKey("api", tenant, "bob"),
                new RateKey("api", "t-" + UUID.randomUUID(), "alice"),
                new RateKey("status", tenant, "alice"))) {
            RateDecision first = take(other, 0);
            assertTrue(first.allowed(), other::toString);
            assertEquals(4, first.remaining(), other::toString);
        }
        assertFalse(take(alice, 0).allowed());
    }

    @Test
    void twoNodesOfOneStoreShareOneAllowance() {
        RateLimiter[] nodes = {limiter(), otherNode()};
        for (int i = 0; i < 5; i++) {
            RateDecision granted = nodes[i % 2].take(alice, FIVE_PER_SECOND, now);
            assertTrue(granted.allowed());
            assertEquals(4 - i, granted.remaining(), "the nodes count down one allowance");
        }
        assertFalse(nodes[0].take(alice, FIVE_PER_SECOND, now).allowed());
        assertFalse(nodes[1].take(alice, FIVE_PER_SECOND, now).allowed());
        assertTrue(nodes[1].take(alice, FIVE_PER_SECOND, now.plusMillis(200)).allowed());
        assertFalse(nodes[0].take(alice, FIVE_PER_SECOND, now.plusMillis(200)).allowed());
    }

    @Test
    void concurrentTakesOnTwoNodesNeverGrantMoreThanTheBurst() throws Exception {
        Rate fiftyPerHour = Rate.perPeriod(50, Duration.ofHours(1));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimiter node = t % 2 == 0 ? limiter() : otherNode();
                work.add(() -> {
                    int granted = 0;
                    for (int i = 0; i < 25; i++) {
                        granted += node.take(alice, fiftyPerHour, now).allowed() ? 1 : 0;
                    }
                    return granted;
                });
            }
            int granted = 0;
            for (Future<Integer> result : threads.invokeAll(work, 60, TimeUnit.SECONDS)) {
                granted += result.get();
            }
            assertEquals(50, granted, "200 concurrent takes of a burst of 50");
        } finally {
            threads.shutdownNow();
        }
    }

    private void exhaust(RateKey key) {
        for (int i = 0; i < 5; i++) {
            assertTrue(take(key, 0).allowed());
        }
        assertFalse(take(key, 0).allowed());
    }
}
