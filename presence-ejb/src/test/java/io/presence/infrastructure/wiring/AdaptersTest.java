package io.presence.infrastructure.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.core.config.KafkaSettings;
import io.presence.core.config.PresenceSettings;
import io.presence.core.events.ResourceEventIntake;
import io.presence.core.events.ResourceEvents;
import io.presence.core.limits.RateLimiter;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.presence.PresenceStore;
import io.presence.core.records.LifecycleCounters;
import io.presence.core.records.LifecyclePublisher;
import io.presence.core.records.RecordLifecycle;
import io.presence.infrastructure.inprocess.InProcessLifecyclePublisher;
import io.presence.infrastructure.inprocess.InProcessResourceEvents;
import io.presence.infrastructure.memory.InMemoryParticipantStore;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.memory.InMemoryRateLimiter;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The composition root's choices without Redis or Kafka: what the embedded default runs with. */
class AdaptersTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java");

    private final Adapters adapters = new Adapters();

    /** Fails the test if anything asks for the Redis pool. */
    private static final Provider<JedisPooled> NO_REDIS = () -> {
        throw new AssertionError("the memory store asked for a Redis connection pool");
    };

    @Test
    void theMemoryStoreRunsEveryPortInProcessAndOpensNoRedisPool() {
        PresenceSettings memory = settings("memory", "redis://127.0.0.1:1");
        PresenceStore store = adapters.presenceStore(memory, NO_REDIS);
        ParticipantStore participants = adapters.participantStore(memory, NO_REDIS);
        ResourceEvents bus = adapters.resourceEvents(memory, NO_REDIS);
        RateLimiter limiter = adapters.rateLimiter(memory, NO_REDIS);
        try {
            assertInstanceOf(InMemoryPresenceStore.class, store);
            assertInstanceOf(InMemoryParticipantStore.class, participants);
            assertInstanceOf(InProcessResourceEvents.class, bus);
            assertInstanceOf(InMemoryRateLimiter.class, limiter);
        } finally {
            adapters.closeRateLimiter(limiter);
            adapters.closeResourceEvents(bus);
            adapters.closeParticipantStore(participants);
            adapters.closePresenceStore(store);
        }
    }

    @Test
    void anUnknownStoreIsRefusedWithTheSettingItCameFrom() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> adapters.presenceStore(settings("mongodb", "redis://127.0.0.1:1"), NO_REDIS));
        assertEquals("presence.store must be 'memory' or 'redis', not 'mongodb'", refused.getMessage());
    }

    @Test
    void withoutKafkaEventsComeInOverRestOnly() {
        KafkaSettings none = new KafkaSettings() {
            @Override
            public Optional<String> bootstrapServers() {
                return Optional.empty();
            }
        };
        ResourceEventIntake intake = adapters.resourceEventIntake(none, null);
        assertSame(ResourceEventIntake.NONE, intake);
        assertEquals(Optional.empty(), intake.sourceAvailable(), "the readiness check reports: not configured");
    }

    @Test
    void withoutKafkaLifecycleEventsAreAppliedAtOnce() {
        KafkaSettings none = new KafkaSettings() {
            @Override
            public Optional<String> bootstrapServers() {
                return Optional.empty();
            }
        };
        LifecyclePublisher publisher =
                adapters.lifecyclePublisher(none, new RecordLifecycle(), new LifecycleCounters());
        assertInstanceOf(InProcessLifecyclePublisher.class, publisher);
    }

    /**
     * One pool per node holds only while nothing but {@code RedisConnections.pool} opens one: the
     * composition root produces that pool once (a {@code @Singleton}) and hands it to every adapter.
     */
    @Test
    void noSourceButRedisConnectionsOpensARedisClient() throws IOException {
        List<String> openers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (source.matches("(?s).*new (JedisPooled|JedisPool|UnifiedJedis|JedisCluster|Jedis)\\b.*")
                        && !file.endsWith(Path.of("infrastructure", "redis", "RedisConnections.java"))) {
                    openers.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), openers, "Redis clients are opened by RedisConnections.pool only");
    }

    static PresenceSettings settings(String store, String redisUrl) {
        return new PresenceSettings() {
            @Override
            public boolean isRedis() {
                return store.equals("redis");
            }

            @Override
            public String store() {
                return store;
            }

            @Override
            public String redisUrl() {
                return redisUrl;
            }

            @Override
            public Duration tabTtl() {
                return Duration.ofSeconds(90);
            }
        };
    }
}
