/**
 * Kafka, an optional second source of resource events: domain applications that already write to
 * Kafka publish to {@code presence.resource-events} instead of calling {@code POST /api/v1/events}.
 * The consumer validates each record like the REST endpoint, puts it on the
 * {@link io.presence.core.events.ResourceEvents} bus, dead-letters what it cannot read, and commits
 * only what it has published. Kafka is not the bus between nodes: Redis (or the process) is.
 * {@link io.presence.infrastructure.kafka.KafkaEventIntake} puts the consumer, its dead-letter
 * producer and the readiness probe behind the {@link io.presence.core.events.ResourceEventIntake} port.
 *
 * <p>Record lifecycles: {@link io.presence.infrastructure.kafka.KafkaLifecycleEvents} consumes the
 * MUTATING and MUTATED topics ({@link io.presence.infrastructure.kafka.KafkaLifecycleConsumer}: retries on
 * a schedule, then {@code <topic>.dlt}) and produces the events accepted over REST to them, behind the
 * {@link io.presence.core.records.LifecyclePublisher} port.
 */
package io.presence.infrastructure.kafka;
