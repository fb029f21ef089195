package io.presence.infrastructure.wiring;

import io.presence.core.config.KafkaSettings;
import io.presence.core.config.PresenceSettings;
import io.presence.core.config.StatusSettings;
import io.presence.core.events.ResourceEventIntake;
import io.presence.core.events.ResourceEventPublisher;
import io.presence.core.events.ResourceEvents;
import io.presence.core.limits.RateLimiter;
import io.presence.core.metrics.Counters;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.presence.AccessChanges;
import io.presence.core.presence.PresenceStore;
import io.presence.core.records.LifecycleCounters;
import io.presence.core.records.LifecyclePublisher;
import io.presence.core.records.RecordLifecycle;
import io.presence.core.records.RecordStateStore;
import io.presence.core.status.StatusStore;
import io.presence.core.status.TypingStore;
import io.presence.infrastructure.inprocess.InProcessAccessChanges;
import io.presence.infrastructure.inprocess.InProcessLifecyclePublisher;
import io.presence.infrastructure.inprocess.InProcessResourceEvents;
import io.presence.infrastructure.kafka.KafkaEventIntake;
import io.presence.infrastructure.kafka.KafkaLifecycleEvents;
import io.presence.infrastructure.kafka.LifecycleTopics;
import io.presence.infrastructure.memory.InMemoryParticipantStore;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.memory.InMemoryRateLimiter;
import io.presence.infrastructure.memory.InMemoryStatusStore;
import io.presence.infrastructure.memory.InMemoryTypingStore;
import io.presence.infrastructure.redis.RedisAccessChanges;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisParticipantStore;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.infrastructure.redis.RedisRateLimiter;
import io.presence.infrastructure.redis.RedisResourceEvents;
import io.presence.infrastructure.redis.RedisStatusStore;
import io.presence.infrastructure.redis.RedisTypingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;

/**
 * Chooses the adapter behind each port from the configuration and closes it when the application
 * stops. {@code presence.store} decides the presence store, the participant store, the user status and
 * typing stores, the resource event bus and the rate limits together, so that every node that shares
 * tabs also shares participants, statuses, events and each user's allowance of requests;
 * {@code presence.kafka.bootstrap-servers} decides whether a Kafka topic is a second source of events
 * and whether record lifecycle events go through Kafka.
 * Each choice is logged once, when the port is first used.
 */
@ApplicationScoped
public class Adapters {

    private static final Logger LOG = Logger.getLogger(Adapters.class.getName());

    /** Histogram of works per Redis pipeline, by {@code store} ({@code presence}, {@code rate_limit}). */
    static final String PIPELINE_BATCH_SIZE = "presence_redis_pipeline_batch_size";

    @Inject
    Counters metrics = Counters.NONE;

    /** The store behind both {@link PresenceStore} and {@link RecordStateStore}, made on first use. */
    private PresenceStore recordStore;

    /**
     * The node's one Redis connection pool, shared by every Redis adapter. Opened when the first of them
     * is created, so never with {@code presence.store=memory}, and closed after them as the application
     * stops. A {@code @Singleton} rather than {@code @ApplicationScoped}: {@link JedisPooled} has final
     * public methods, so CDI cannot put a client proxy in front of it; either way there is one per
     * application. {@code @Typed} keeps it out of lookups of {@code AutoCloseable} or {@code Object}.
     */
    @Produces
    @Singleton
    @Typed(JedisPooled.class)
    JedisPooled redisPool(PresenceSettings settings) {
        return RedisConnections.pool(settings.redisUrl());
    }

    void closeRedisPool(@Disposes JedisPooled pool) {
        pool.close();
    }

    /**
     * {@code presence.store}: {@code memory} (the default) or {@code redis}; anything else fails. One
     * object holds a record's tabs, locks and lifecycle, so that they share its sequence numbers.
     */
    @Produces
    @ApplicationScoped
    PresenceStore presenceStore(PresenceSettings settings, Provider<JedisPooled> redis) {
        return recordStore(settings, redis);
    }

    /** The same store as {@link #presenceStore}, seen through its record-state port. */
    @Produces
    @ApplicationScoped
    RecordStateStore recordStateStore(PresenceSettings settings, Provider<JedisPooled> redis) {
        return recordStore(settings, redis);
    }

    private synchronized <S extends PresenceStore & RecordStateStore> S recordStore(
            PresenceSettings settings, Provider<JedisPooled> redis) {
        if (recordStore == null) {
            recordStore = switch (settings.store()) {
                case "memory" -> {
                    LOG.info("presence store: in memory (single node)");
                    yield new InMemoryPresenceStore();
                }
                case "redis" -> {
                    LOG.info("presence store: Redis");
                    yield new RedisPresenceStore(
                            redis.get(),
                            settings.tabTtl(),
                            metrics.histogram(PIPELINE_BATCH_SIZE, Map.of("store", "presence")));
                }
                default ->
                    throw new IllegalStateException(
                            "presence.store must be 'memory' or 'redis', not '" + settings.store() + "'");
            };
        }
        @SuppressWarnings("unchecked")
        S store = (S) recordStore;
        return store;
    }

    void closePresenceStore(@Disposes PresenceStore store) {
        store.close();
    }

    /** Participants live where the tabs live, so that nodes sharing presence share who may see what. */
    @Produces
    @ApplicationScoped
    ParticipantStore participantStore(PresenceSettings settings, Provider<JedisPooled> redis) {
        return settings.isRedis() ? new RedisParticipantStore(redis.get()) : new InMemoryParticipantStore();
    }

    void closeParticipantStore(@Disposes ParticipantStore store) {
        store.close();
    }

    /**
     * Access changes travel where participants live: a participant removed through one node must stop
     * the deliveries of every node.
     */
    @Produces
    @ApplicationScoped
    AccessChanges accessChanges(PresenceSettings settings, Provider<JedisPooled> redis) {
        return settings.isRedis() ? new RedisAccessChanges(redis.get()) : new InProcessAccessChanges();
    }

    void closeAccessChanges(@Disposes AccessChanges changes) {
        changes.close();
    }

    /** Users' devices and statuses live where the tabs live, so that every node sees the same ones. */
    @Produces
    @ApplicationScoped
    StatusStore statusStore(PresenceSettings settings, StatusSettings status, Provider<JedisPooled> redis) {
        return settings.isRedis()
                ? new RedisStatusStore(redis.get(), status.retention())
                : new InMemoryStatusStore(status.retention());
    }

    void closeStatusStore(@Disposes StatusStore store) {
        store.close();
    }

    /** Typing lives where the tabs live, as statuses do. */
    @Produces
    @ApplicationScoped
    TypingStore typingStore(PresenceSettings settings, Provider<JedisPooled> redis) {
        return settings.isRedis() ? new RedisTypingStore(redis.get()) : new InMemoryTypingStore();
    }

    void closeTypingStore(@Disposes TypingStore store) {
        store.close();
    }

    /**
     * Allowances of the REST rate limit live where the tabs live, so that a user's requests count
     * against one limit on whichever node they arrive.
     */
    @Produces
    @ApplicationScoped
    RateLimiter rateLimiter(PresenceSettings settings, Provider<JedisPooled> redis) {
        if (!settings.isRedis()) {
            return new InMemoryRateLimiter();
        }
        return new RedisRateLimiter(redis.get(), metrics.histogram(PIPELINE_BATCH_SIZE, Map.of("store", "rate_limit")));
    }

    void closeRateLimiter(@Disposes RateLimiter limiter) {
        limiter.close();
    }

    /**
     * In process with the memory store (one node); Redis pub/sub with the Redis store, so that an event
     * published on any node reaches the listeners of every node that shares the Redis.
     */
    @Produces
    @ApplicationScoped
    ResourceEvents resourceEvents(PresenceSettings settings, Provider<JedisPooled> redis) {
        if (settings.isRedis()) {
            LOG.info("resource event bus: Redis pub/sub channel " + RedisResourceEvents.CHANNEL);
            return new RedisResourceEvents(redis.get(), RedisResourceEvents.CHANNEL);
        }
        LOG.info("resource event bus: in process (single node)");
        return new InProcessResourceEvents();
    }

    void closeResourceEvents(@Disposes ResourceEvents bus) {
        bus.close();
    }

    /** The Kafka topic when {@code presence.kafka.bootstrap-servers} is set; otherwise REST only. */
    @Produces
    @ApplicationScoped
    ResourceEventIntake resourceEventIntake(KafkaSettings settings, ResourceEventPublisher publisher) {
        Optional<String> servers = settings.bootstrapServers();
        if (servers.isEmpty()) {
            LOG.info("Kafka is not configured; resource events come in over REST only");
            return ResourceEventIntake.NONE;
        }
        LOG.info("consuming resource events from Kafka topic " + settings.resourceEventsTopic());
        return new KafkaEventIntake(servers.get(), settings, publisher.reader(), publisher.bus());
    }

    void closeResourceEventIntake(@Disposes ResourceEventIntake intake) {
        intake.close();
    }

    /** The intake runs from the application's start, not from the first readiness check. */
    void startResourceEventIntake(
            @Observes @Initialized(ApplicationScoped.class) Object started, ResourceEventIntake intake) {
        intake.start();
    }

    /**
     * With {@code presence.kafka.bootstrap-servers}: lifecycle events come from the two lifecycle
     * topics, and those accepted over REST are produced there. Without: REST only, applied at once.
     */
    @Produces
    @ApplicationScoped
    LifecyclePublisher lifecyclePublisher(
            KafkaSettings settings, RecordLifecycle lifecycle, LifecycleCounters counters) {
        Optional<String> servers = settings.bootstrapServers();
        if (servers.isEmpty()) {
            LOG.info("Kafka is not configured; lifecycle events come in over REST only and are applied at once");
            return new InProcessLifecyclePublisher(lifecycle::apply);
        }
        LifecycleTopics topics =
                new LifecycleTopics(settings.lifecycleMutatingTopic(), settings.lifecycleMutatedTopic());
        LOG.info("consuming and producing lifecycle events on Kafka topics " + topics.both() + ", group "
                + settings.lifecycleGroupId());
        return new KafkaLifecycleEvents(
                servers.get(),
                settings.clientProperties(),
                settings.lifecycleGroupId(),
                topics,
                settings.lifecycleRetryDelays(),
                lifecycle.reader(),
                lifecycle::apply,
                counters);
    }

    void closeLifecyclePublisher(@Disposes LifecyclePublisher publisher) {
        publisher.close();
    }

    /** The lifecycle consumer runs from the application's start. */
    void startLifecyclePublisher(
            @Observes @Initialized(ApplicationScoped.class) Object started, LifecyclePublisher publisher) {
        publisher.start();
    }
}
