package io.presence.core.limits;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.core.errors.StoreUnavailableException;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisRateLimiter;
import io.presence.testing.RedisTestServer;
import io.presence.testing.TestPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The rate limiter contract on a real Redis, with two nodes: two adapters, each on a pool of its own, on
 * one server. Nothing is flushed; keys belong to tenants the tests made up.
 */
class RedisRateLimiterIT extends RateLimiterContract {

    private static RedisTestServer redis;
    private static JedisPooled pool;
    private static JedisPooled otherPool;
    private static RedisRateLimiter limiter;
    private static RedisRateLimiter otherNode;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        pool = RedisConnections.pool(redis.url());
        otherPool = RedisConnections.pool(redis.url());
        limiter = new RedisRateLimiter(pool);
        otherNode = new RedisRateLimiter(otherPool);
    }

    @AfterAll
    static void stopRedis() {
        pool.close();
        otherPool.close();
        redis.close();
    }

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected RateLimiter otherNode() {
        return otherNode;
    }

    @Test
    void aClientsKeyLivesOnlyUntilItsAllowanceIsFullAgain() {
        String tenant = "t-" + UUID.randomUUID();
        limiter.take(new RateKey("api", tenant, "alice"), Rate.perPeriod(5, Duration.ofSeconds(1)), Instant.now());
        long ttl = pool.pttl("presence:rate:{" + tenant + ":alice}:api");
        assertTrue(ttl > 0 && ttl <= 200, "one permit of five per second is back within 200 ms: " + ttl);
    }

    @Test
    void aServerThatForgotTheScriptGetsItAgain() {
        assumeTrue(redis.isManaged(), "flushes scripts only on a Redis of its own");
        RateKey key = new RateKey("api", "t-" + UUID.randomUUID(), "alice");
        Rate rate = Rate.perPeriod(5, Duration.ofSeconds(1));
        assertTrue(limiter.take(key, rate, Instant.now()).allowed());
        pool.scriptFlush();
        assertTrue(limiter.take(key, rate, Instant.now()).allowed());
    }

    @Test
    void anUnreachableRedisIsAStoreOutage() {
        try (JedisPooled nowhere = RedisConnections.pool("redis://127.0.0.1:" + TestPorts.free())) {
            RedisRateLimiter unreachable = new RedisRateLimiter(nowhere);
            assertThrows(
                    StoreUnavailableException.class,
                    () -> unreachable.take(
                            new RateKey("api", "t", "alice"), Rate.perPeriod(5, Duration.ofSeconds(1)), Instant.now()));
        }
    }
}
