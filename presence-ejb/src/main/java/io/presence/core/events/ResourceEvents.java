package io.presence.core.events;

import java.util.function.Consumer;

/**
 * The bus resource events travel on between nodes. Every published event reaches every listener of
 * every node once; delivery to WebSocket subscribers, with visibility filtering, is the listener's job.
 */
public interface ResourceEvents extends AutoCloseable {

    void publish(ResourceEvent event);

    void addListener(Consumer<ResourceEvent> listener);

    @Override
    void close();
}
