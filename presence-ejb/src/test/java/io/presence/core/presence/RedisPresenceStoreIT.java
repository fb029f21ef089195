package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    /**
     * A record whose last tab left, by leave or by sweep, keeps its hash (and so its sequence number)
     * for twice the tab TTL (90 s here), the safety net documented for every record key, not a day.
     */
    @Test
    void emptiedRecordHashExpiresAfterTwiceTheTabTtl() {
        ResourceRef left = new ResourceRef("t-" + UUID.randomUUID(), "work_order", "LEFT");
        ResourceRef swept = new ResourceRef(left.tenant(), "work_order", "SWEPT");
        Instant now = Instant.now();
        store.heartbeat(left, new TabPresence("a", "u1", "U", Mode.VIEW, false, null, now, now.plusSeconds(90), ""));
        store.heartbeat(swept, new TabPresence("b", "u1", "U", Mode.VIEW, false, null, now, now.plusSeconds(1), ""));
        assertTrue(store.leave(left, "a", "u1", "unregister"));
        store.sweep(now.plusSeconds(2), 100);
        for (ResourceRef ref : new ResourceRef[] {left, swept}) {
            long ttl = pool.pttl("presence:{" + ref + "}:record");
            assertTrue(ttl > 0 && ttl <= 180_000, ref + " keeps its emptied hash for " + ttl + " ms");
        }
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
