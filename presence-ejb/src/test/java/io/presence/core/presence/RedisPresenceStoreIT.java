package io.presence.core.presence;

import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real Redis server. */
class RedisPresenceStoreIT extends PresenceStoreContract {

    private static RedisTestServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected PresenceStore createStore() {
        RedisPresenceStore store = new RedisPresenceStore(PresenceStores.redis(redis.url()), Duration.ofSeconds(90));
        awaitSubscribed(store);
        return store;
    }

    /** Diffs published before the subscription is active would be lost to the test's listener. */
    static void awaitSubscribed(PresenceStore store) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!store.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the store did not subscribe to Redis within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
