/**
 * Resource events: {@code <type>_<action>} notifications that a domain application
 * publishes when a record changes ({@code work_order_updated} by jsmith), delivered to the WebSocket
 * subscribers of that record or of its whole type who may see the record.
 *
 * <p>{@link io.presence.core.events.ResourceEvents} is the port every node publishes to and listens
 * on: in-process for a single node, Redis pub/sub when nodes share Redis. Kafka is an additional
 * source of events, not a replacement for this bus: {@link io.presence.core.events.ResourceEventIntake}
 * is the port of such a source, started with the application.
 *
 * <p>Flow: {@code POST /api/v1/events} or a Kafka record → {@link io.presence.core.events.ResourceEventReader}
 * (the type's plugin validates type, id and action) → {@link io.presence.core.events.ResourceEvents#publish}
 * → every node's listeners → WebSocket subscribers who may see the record.
 *
 * <p>Nothing here names an adapter: the bus and the intake behind the ports are chosen from the
 * configuration by the composition root, at the edge of the application.
 */
package io.presence.core.events;
