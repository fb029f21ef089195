package io.presence.infrastructure.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.config.PresenceSettings;
import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEvents;
import io.presence.core.limits.Rate;
import io.presence.core.limits.RateKey;
import io.presence.core.limits.RateLimiter;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceStore;
import io.presence.infrastructure.redis.RedisParticipantStore;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.infrastructure.redis.RedisRateLimiter;
import io.presence.infrastructure.redis.RedisResourceEvents;
import io.presence.testing.RedisTestServer;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.Pool;

/**
 * With {@code presence.store=redis} the composition root gives every Redis adapter the node's one pool:
 * their subscriptions hold its connections and their commands borrow from it. An adapter that opened a
 * pool of its own would leave these counts unchanged. Runs on a real Redis (nothing is flushed).
 */
class AdaptersIT {

    @Test
    void everyRedisAdapterWorksThroughTheNodesOnePoolAndLeavesItOpen() {
        try (RedisTestServer redis = RedisTestServer.start()) {
            PresenceSettings settings = AdaptersTest.settings("redis", redis.url());
            Adapters adapters = new Adapters();
            JedisPooled node = adapters.redisPool(settings);
            Pool<?> pool = node.getPool();
            AtomicInteger asked = new AtomicInteger();
            Provider<JedisPooled> shared = () -> {
                asked.incrementAndGet();
                return node;
            };
            PresenceStore store = adapters.presenceStore(settings, shared);
            ParticipantStore participants = adapters.participantStore(settings, shared);
            ResourceEvents bus = adapters.resourceEvents(settings, shared);
            RateLimiter limiter = adapters.rateLimiter(settings, shared);
            try {
                assertInstanceOf(RedisPresenceStore.class, store);
                assertInstanceOf(RedisParticipantStore.class, participants);
                RedisResourceEvents events = assertInstanceOf(RedisResourceEvents.class, bus);
                assertInstanceOf(RedisRateLimiter.class, limiter);
                assertEquals(4, asked.get(), "each Redis adapter took the node's pool");
                await(store::isAvailable, "the diff subscription");
                await(events::isSubscribed, "the resource event subscription");
                assertEquals(2, pool.getNumActive(), "the two subscriptions hold a connection of the node's pool each");

                ResourceRef ref = new ResourceRef("t-" + UUID.randomUUID(), "conversation", "c-1");
                Instant now = Instant.now();
                long borrowed = pool.getBorrowedCount();
                assertEquals(
                        HeartbeatOutcome.JOINED,
                        store.heartbeat(
                                ref,
                                new TabPresence(
                                        "a", "u1", "Alice", Mode.VIEW, false, null, now, now.plusSeconds(90), "")));
                borrowed = assertBorrowedSince(pool, borrowed, "the presence store's heartbeat");
                participants.replace(ref, Set.of("u1"));
                assertEquals(Set.of("u1"), participants.participants(ref));
                borrowed = assertBorrowedSince(pool, borrowed, "the participant store");
                bus.publish(new ResourceEvent(ref, "updated", "u1", "Alice", Map.of(), now));
                borrowed = assertBorrowedSince(pool, borrowed, "the resource event bus's publish");
                assertTrue(limiter.take(
                                new RateKey("api", ref.tenant(), "u1"), Rate.perPeriod(5, Duration.ofSeconds(1)), now)
                        .allowed());
                assertBorrowedSince(pool, borrowed, "the rate limiter");
            } finally {
                adapters.closeRateLimiter(limiter);
                adapters.closeResourceEvents(bus);
                adapters.closeParticipantStore(participants);
                adapters.closePresenceStore(store);
            }
            assertEquals("PONG", node.ping(), "closing the adapters leaves the node's pool open");
            adapters.closeRedisPool(node);
            assertTrue(pool.isClosed(), "the pool closes with its own disposer");
        }
    }

    private static long assertBorrowedSince(Pool<?> pool, long before, String what) {
        long now = pool.getBorrowedCount();
        assertTrue(now > before, what + " borrowed from the node's pool");
        return now;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " is up within 10 s");
            Thread.onSpinWait();
        }
    }
}
