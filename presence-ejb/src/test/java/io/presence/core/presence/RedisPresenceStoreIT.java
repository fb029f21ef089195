package io.presence.core.presence;

import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.JedisPooled;

/** The store contract on a real Redis server. */
public class RedisPresenceStoreIT extends PresenceStoreContract {

    private static RedisTestServer redis;
    /**
     * One pool for the class, as a node has one for all its adapters: each test closes its store, not
     * the pool, so a store that hands back a connection in a bad state fails the tests that follow.
     */
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

    @Override
    protected PresenceStore createStore() {
        RedisPresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90));
        awaitSubscribed(store);
        return store;
    }

    /** Diffs published before the subscription is active would be lost to the test's listener. */
    public static void awaitSubscribed(PresenceStore store) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!store.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the store did not subscribe to Redis within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
