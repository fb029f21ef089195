package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Redis going away and coming back: the store says so and recovers on its own. */
class RedisOutageIT {

    @Test
    void storeReportsAnOutageAndRecoversWhenRedisReturns() throws InterruptedException {
        try (RedisTestServer redis = RedisTestServer.start();
                JedisPooled pool = RedisConnections.pool(redis.url())) {
            assumeTrue(redis.isManaged(), "needs a Redis the test can stop and start");
            PresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90));
            BlockingQueue<PresenceDiff> diffs = new LinkedBlockingQueue<>();
            store.addDiffListener(diffs::add);
            RedisPresenceStoreIT.awaitSubscribed(store);
            ResourceRef ref = new ResourceRef("t-" + UUID.randomUUID(), "work_order", "WO-1");
            Instant now = Instant.now();
            TabPresence tab = new TabPresence("a", "u1", "Alice", Mode.VIEW, false, null, now, now.plusSeconds(90), "");

            redis.stop();
            assertThrows(StoreUnavailableException.class, () -> store.heartbeat(ref, tab));
            assertFalse(store.isAvailable());

            redis.restart();
            RedisPresenceStoreIT.awaitSubscribed(store);
            assertEquals(
                    HeartbeatOutcome.JOINED,
                    store.heartbeat(ref, tab),
                    "scripts are reloaded into the restarted, empty server");
            PresenceDiff join = diffs.poll(5, TimeUnit.SECONDS);
            assertNotNull(join, "the diff subscription resumed after the outage");
            assertEquals(PresenceDiff.Kind.JOIN, join.kind());
            store.close();
        }
    }
}
