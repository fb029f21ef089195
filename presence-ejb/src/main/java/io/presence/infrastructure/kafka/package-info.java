/**
 * Kafka, an optional second source of resource events: domain applications that already write to
 * Kafka publish to {@code presence.resource-events} instead of calling {@code POST /api/v1/events}.
 * The consumer validates each record like the REST endpoint, puts it on the
 * {@link io.presence.core.events.ResourceEvents} bus, dead-letters what it cannot read, and commits
 * only what it has published. Kafka is not the bus between nodes: Redis (or the process) is.
 */
package io.presence.infrastructure.kafka;
