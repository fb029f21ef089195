package io.presence.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.api.model.ResourceRef;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisResourceEvents;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Two nodes' buses on one real Redis: an event published on either reaches both, once each. */
class RedisResourceEventsIT {

    @Test
    void anEventPublishedOnOneNodeReachesEveryNodeOnce() throws InterruptedException {
        String channel = "presence:events:" + UUID.randomUUID();
        try (RedisTestServer redis = RedisTestServer.start();
                JedisPooled poolA = RedisConnections.pool(redis.url());
                JedisPooled poolB = RedisConnections.pool(redis.url());
                RedisResourceEvents nodeA = new RedisResourceEvents(poolA, channel);
                RedisResourceEvents nodeB = new RedisResourceEvents(poolB, channel)) {
            BlockingQueue<ResourceEvent> onA = new LinkedBlockingQueue<>();
            BlockingQueue<ResourceEvent> onB = new LinkedBlockingQueue<>();
            nodeA.addListener(onA::add);
            nodeB.addListener(onB::add);
            awaitSubscribed(nodeA, nodeB);

            ResourceEvent event = event("WO-1");
            nodeA.publish(event);
            assertEquals(event, onB.poll(5, TimeUnit.SECONDS), "node B receives node A's event");
            assertEquals(event, onA.poll(5, TimeUnit.SECONDS), "node A receives its own event through Redis");
            assertNull(onA.poll(300, TimeUnit.MILLISECONDS), "delivered once, not twice");
            assertNull(onB.poll(1, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void publishingWhileRedisIsDownFailsAndDeliveryResumesWhenItReturns() throws InterruptedException {
        try (RedisTestServer redis = RedisTestServer.start();
                JedisPooled pool = RedisConnections.pool(redis.url());
                RedisResourceEvents bus = new RedisResourceEvents(pool, "presence:events:" + UUID.randomUUID())) {
            assumeTrue(redis.isManaged(), "needs a Redis the test can stop and start");
            BlockingQueue<ResourceEvent> received = new LinkedBlockingQueue<>();
            bus.addListener(received::add);
            awaitSubscribed(bus);

            redis.stop();
            assertThrows(StoreUnavailableException.class, () -> bus.publish(event("WO-2")));
            redis.restart();
            awaitSubscribed(bus);
            ResourceEvent after = event("WO-3");
            bus.publish(after);
            assertEquals(after, received.poll(5, TimeUnit.SECONDS), "the subscription resumed after the outage");
        }
    }

    private static ResourceEvent event(String id) {
        return new ResourceEvent(
                new ResourceRef("t-" + UUID.randomUUID(), "work_order", id),
                "updated",
                "5",
                "jsmith",
                Map.of("status", "kitted", "lines", java.util.List.of(1L, 2L)),
                Instant.parse("2026-02-19T13:30:00Z"));
    }

    static void awaitSubscribed(RedisResourceEvents... buses) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        for (RedisResourceEvents bus : buses) {
            while (!bus.isSubscribed() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertTrue(bus.isSubscribed(), "the bus subscribed to Redis within 15 s");
        }
    }
}
