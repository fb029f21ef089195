/**
 * The composition root: the only place that chooses adapters. {@link
 * io.presence.infrastructure.wiring.Adapters} reads the configuration and produces, as CDI beans, the
 * adapter behind each port of the core:
 * <pre>
 * port                  presence.store=memory       presence.store=redis
 * PresenceStore         InMemoryPresenceStore       RedisPresenceStore
 * ParticipantStore      InMemoryParticipantStore    RedisParticipantStore
 * ResourceEvents        InProcessResourceEvents     RedisResourceEvents
 * RateLimiter           InMemoryRateLimiter         RedisRateLimiter
 *
 * ResourceEventIntake   KafkaEventIntake when presence.kafka.bootstrap-servers is set, else NONE
 * LifecyclePublisher    KafkaLifecycleEvents when presence.kafka.bootstrap-servers is set,
 *                       else InProcessLifecyclePublisher
 * </pre>
 * The four Redis adapters share the node's one connection pool (a {@code JedisPooled} of at most 64
 * connections): they use it and never close it; it is opened here with the first of them and closed
 * here after them.
 *
 * <p>Services in {@code io.presence.core} inject the ports and never name an adapter or a Redis or
 * Kafka class ({@code CoreDependsOnPortsOnlyTest} reads their sources to check). A new adapter is
 * chosen here too. Nothing here holds state or logic beyond the choice and the lifecycle.
 */
package io.presence.infrastructure.wiring;
