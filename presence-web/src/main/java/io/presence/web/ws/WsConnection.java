package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.core.hub.Client;
import io.presence.core.hub.Hub;
import io.presence.core.hub.HubMessage;
import io.presence.core.hub.Subscriber;
import io.presence.core.limits.MessageLimiter;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One authenticated WebSocket connection: the {@link Subscriber} the hub delivers to (each message
 * encoded by {@link WsMessages}, once for all recipients, and queued in the {@link Outbox}), the
 * {@link Client} the hub keeps for it, its keep-alive state, when its token expires and its message limit.
 */
final class WsConnection implements Subscriber {

    private final Session session;
    private final Caller caller;
    private final Outbox outbox;
    private final Client client;
    private final MessageLimiter limiter;
    private final boolean onWsListener;
    private volatile boolean closedByServer;
    private volatile boolean releaseOnClose;
    private volatile long lastPongNanos = System.nanoTime();
    private Instant expiresAt;
    private ScheduledFuture<?> expiry;
    private volatile boolean userEvents;

    WsConnection(
            Session session,
            Caller caller,
            Hub hub,
            MessageLimiter limiter,
            int sendQueueLimit,
            Duration slowAfter,
            Runnable overflow,
            Consumer<Exception> sendFailed,
            boolean onWsListener) {
        this.session = session;
        this.onWsListener = onWsListener;
        this.caller = caller;
        this.limiter = limiter;
        this.outbox = new Outbox(RawFrames.of(session), sendQueueLimit, slowAfter, overflow, sendFailed);
        this.client = hub.connect(this);
    }

    Session session() {
        return session;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    Client client() {
        return client;
    }

    MessageLimiter limiter() {
        return limiter;
    }

    /** Whether the connection came through {@link WsListener} rather than the HTTP listener. */
    boolean onWsListener() {
        return onWsListener;
    }

    String id() {
        return session.getId();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && !closedByServer;
    }

    @Override
    public void send(HubMessage message) {
        WsFrame frame;
        try {
            frame = WsMessages.encode(message);
        } catch (RuntimeException e) {
            outbox.failed(e);
            return;
        }
        outbox.offer(frame);
        if (userEvents && message instanceof HubMessage.Diff diff) {
            UserEvents.after(diff).forEach(outbox::offer);
        }
    }

    /** From now on, each diff is followed by its {@link UserEvents}. */
    void sendUserEvents() {
        userEvents = true;
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    /** Sends a reply of the protocol's own at once, without blocking; false if it was dropped. */
    boolean send(String text) {
        boolean queued = outbox.offer(new WsFrame(text));
        outbox.flush();
        return queued;
    }

    /** Marks a close this server starts; {@code release} says whether the tabs leave at once. */
    void closingByServer(boolean release) {
        closedByServer = true;
        releaseOnClose = release;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    boolean releaseOnClose() {
        return releaseOnClose;
    }

    /** When the token the connection lives on stops being accepted. */
    synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** A token (the first or a fresh one) and the timer that closes the connection when it expires. */
    synchronized void expiresAt(Instant at, ScheduledFuture<?> timer) {
        if (expiry != null) {
            expiry.cancel(false);
        }
        expiresAt = at;
        expiry = timer;
    }

    /** The connection is gone: its expiry timer has nothing left to close. */
    synchronized void closed() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /** A pong: the connection is alive, and a probe's pong confirms messages read. */
    void ponged(ByteBuffer payload) {
        lastPongNanos = System.nanoTime();
        outbox.confirmed(payload);
    }

    /** The payload for the next ping: answering it confirms what was sent so far. */
    ByteBuffer probe() {
        return outbox.probe();
    }

    /** Messages waiting for this client or not yet confirmed read. */
    long backlog() {
        return outbox.backlog();
    }

    long lastPongNanos() {
        return lastPongNanos;
    }
}
