package io.presence.core.status;

import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisStatusStore;
import io.presence.infrastructure.redis.RedisTypingStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import redis.clients.jedis.JedisPooled;

/** The status and typing store contracts on a real Redis server. */
class RedisStatusStoreIT {

    private static RedisTestServer redis;
    private static JedisPooled pool;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        pool = RedisConnections.pool(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        pool.close();
        redis.close();
    }

    /** Changes published before the subscription is confirmed would be lost to the test's listener. */
    static void awaitSubscribed(BooleanSupplier subscribed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!subscribed.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the store did not subscribe to Redis within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Nested
    class Statuses extends StatusStoreContract {
        @Override
        protected StatusStore createStore() {
            RedisStatusStore store = new RedisStatusStore(pool, RETENTION);
            awaitSubscribed(store::isSubscribed);
            return store;
        }
    }

    @Nested
    class Typing extends TypingStoreContract {
        @Override
        protected TypingStore createStore() {
            RedisTypingStore store = new RedisTypingStore(pool);
            awaitSubscribed(store::isSubscribed);
            return store;
        }
    }
}
