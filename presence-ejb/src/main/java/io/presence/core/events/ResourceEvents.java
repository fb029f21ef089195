package io.presence.core.events;

import java.util.function.Consumer;

/**
 * The bus resource events travel on between nodes. Every published event reaches every listener of
 * every node once; delivery to WebSocket subscribers, with visibility filtering, is the listener's job:
 * a listener must deliver an event only to callers for whom
 * {@link io.presence.core.presence.ResourceAccess#canSee(io.presence.api.model.Caller,
 * io.presence.api.model.ResourceRef)} is true (same tenant, and the type's plugin agrees with the
 * record's registered participants in hand).
 *
 * <p>The implementation is chosen with the presence store, outside the core: in-process for one node,
 * Redis pub/sub for nodes sharing Redis. Listeners run on the bus's delivery thread and must not block.
 * {@link #publish} throws {@link io.presence.core.errors.StoreUnavailableException} when the event
 * cannot be carried (Redis down); events are only ever published after validation by
 * {@link ResourceEventPublisher} or the Kafka intake.
 */
public interface ResourceEvents extends AutoCloseable {

    void publish(ResourceEvent event);

    void addListener(Consumer<ResourceEvent> listener);

    @Override
    void close();
}
