package io.presence.core.hub;

import io.presence.api.model.Caller;

/**
 * One client connection as the hub sees it, whatever its wire protocol: who it is, whether it is still
 * open, and where its messages go. The transport implements it (the WebSocket endpoint's connection)
 * and hands it to {@link Hub#connect}.
 */
public interface Subscriber {

    /** The authenticated caller: its tenant scopes everything the connection may watch. */
    Caller caller();

    /** False once the connection is closed or closing; the hub then stops refreshing its tabs. */
    boolean isOpen();

    /**
     * Queues a message for the client; never blocks, and need not write yet: the hub calls {@link
     * #flush} after it. A transport that cannot keep up drops the connection, not the message order:
     * what it delivers is always a prefix of what it was given.
     */
    void send(HubMessage message);

    /**
     * Writes what was queued, in one write where the transport can, on the calling thread (a fan-out
     * lane once it is idle, or the thread that subscribed). Must not block on a slow client.
     */
    void flush();
}
