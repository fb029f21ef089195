/**
 * Resource events (seed 004): {@code <type>_<action>} notifications that a domain application
 * publishes when a record changes ({@code work_order_updated} by jsmith), delivered to the WebSocket
 * subscribers of that record or of its whole type who may see the record.
 *
 * <p>{@link io.presence.core.events.ResourceEvents} is the port every node publishes to and listens
 * on: in-process for a single node, Redis pub/sub when nodes share Redis. Kafka is an additional
 * source of events, not a replacement for this bus.
 *
 * <p>Flow: {@code POST /api/v1/events} or a Kafka record → {@link io.presence.core.events.ResourceEventReader}
 * (the type's plugin validates type, id and action) → {@link io.presence.core.events.ResourceEvents#publish}
 * → every node's listeners → WebSocket subscribers who may see the record.
 */
package io.presence.core.events;
