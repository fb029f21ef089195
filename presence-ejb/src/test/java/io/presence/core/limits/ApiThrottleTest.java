package io.presence.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.core.config.LimitSettings;
import io.presence.core.security.Publishers;
import io.presence.infrastructure.memory.InMemoryRateLimiter;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisRateLimiter;
import io.presence.testing.TestPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The REST limit per user and tenant: who is limited by which rate, refusals answered on the node, outages. */
class ApiThrottleTest {

    private static final Rate THREE_PER_MINUTE = Rate.perPeriod(3, Duration.ofMinutes(1));

    private final Instant now = Instant.now();
    private final Caller alice = new Caller("alice", "Alice", "acme", Set.of());
    private final Caller erp = new Caller("erp", "ERP", "acme", Set.of(Publishers.GROUP));
    private final List<Map<String, String>> counted = new ArrayList<>();
    private final AtomicInteger storeCalls = new AtomicInteger();

    private ApiThrottle throttle(Optional<Rate> users, Optional<Rate> publishers, RateLimiter store) {
        ApiThrottle throttle = new ApiThrottle();
        throttle.settings = new LimitSettings() {
            @Override
            public Optional<Rate> apiRate() {
                return users;
            }

            @Override
            public Optional<Rate> publisherRate() {
                return publishers;
            }
        };
        throttle.limiter = (key, rate, at) -> {
            storeCalls.incrementAndGet();
            return store.take(key, rate, at);
        };
        throttle.counters = (name, tags) -> counted.add(tags);
        return throttle;
    }

    @Test
    void aUserGetsTheLimitThenARefusalWithTheWaitWhileOthersGoOn() {
        ApiThrottle throttle = throttle(Optional.of(THREE_PER_MINUTE), Optional.empty(), new InMemoryRateLimiter());
        for (int left = 2; left >= 0; left--) {
            assertEquals(left, throttle.admit(alice, now).orElseThrow().remaining());
        }
        RateDecision refused = throttle.admit(alice, now).orElseThrow();
        assertFalse(refused.allowed());
        assertEquals(Duration.ofSeconds(20), refused.retryAfter());
        assertEquals(20, refused.retryAfterSeconds());
        assertEquals(List.of(Map.of("channel", "rest")), counted);
        assertTrue(throttle.admit(new Caller("alice", "Alice", "other-tenant", Set.of()), now)
                .orElseThrow()
                .allowed());
        assertTrue(throttle.admit(new Caller("bob", "Bob", "acme", Set.of()), now)
                .orElseThrow()
                .allowed());
    }

    @Test
    void aRefusedUserIsRefusedOnTheNodeUntilTheWaitIsOver() {
        ApiThrottle throttle = throttle(Optional.of(THREE_PER_MINUTE), Optional.empty(), new InMemoryRateLimiter());
        for (int i = 0; i < 4; i++) {
            throttle.admit(alice, now);
        }
        int callsAtRefusal = storeCalls.get();
        RateDecision later = throttle.admit(alice, now.plusSeconds(15)).orElseThrow();
        assertFalse(later.allowed());
        assertEquals(Duration.ofSeconds(5), later.retryAfter());
        assertEquals(callsAtRefusal, storeCalls.get(), "no store call while the wait is known");
        assertTrue(throttle.admit(alice, now.plusSeconds(20)).orElseThrow().allowed());
        assertEquals(callsAtRefusal + 1, storeCalls.get());
        assertEquals(2, counted.size(), "both refusals counted");
    }

    @Test
    void publishersHaveTheirOwnLimitAndNoneByDefault() {
        ApiThrottle unlimited = throttle(Optional.of(THREE_PER_MINUTE), Optional.empty(), new InMemoryRateLimiter());
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), unlimited.admit(erp, now));
        }
        ApiThrottle limited = throttle(
                Optional.of(THREE_PER_MINUTE),
                Optional.of(Rate.perPeriod(6000, Duration.ofMinutes(1))),
                new InMemoryRateLimiter());
        assertEquals(5999, limited.admit(erp, now).orElseThrow().remaining());
        assertEquals(0, storeCalls.get() - 1);
    }

    @Test
    void withoutALimitNothingIsAsked() {
        ApiThrottle throttle = throttle(Optional.empty(), Optional.empty(), new InMemoryRateLimiter());
        assertEquals(Optional.empty(), throttle.admit(alice, now));
        assertEquals(0, storeCalls.get());
    }

    @Test
    void anUnreachableStoreAdmitsWithoutALimit() {
        try (JedisPooled nowhere = RedisConnections.pool("redis://127.0.0.1:" + TestPorts.free())) {
            ApiThrottle throttle =
                    throttle(Optional.of(THREE_PER_MINUTE), Optional.empty(), new RedisRateLimiter(nowhere));
            for (int i = 0; i < 5; i++) {
                assertEquals(Optional.empty(), throttle.admit(alice, now), "admitted while Redis is away");
            }
        }
    }
}
