package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.TabKey;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One authenticated WebSocket connection and what it did: the records and types it watches, the tabs
 * it is (with the last command of each, to re-join a tab the store lost), and a cache of which records
 * its caller may see, so that fan-out asks a plugin once per connection and record, not per message.
 */
final class WsConnection {

    /** Visibility answers kept per connection; beyond this the cache starts over. */
    private static final int VISIBILITY_CACHE = 10_000;

    private final Session session;
    private final Caller caller;
    private final Outbox outbox;
    private final Set<ResourceRef> records = ConcurrentHashMap.newKeySet();
    private final Set<String> types = ConcurrentHashMap.newKeySet();
    private final Map<TabKey, HeartbeatCommand> tabs = new ConcurrentHashMap<>();
    private final Map<ResourceRef, Boolean> visible = new ConcurrentHashMap<>();
    private volatile boolean closedByServer;
    private volatile boolean releaseOnClose;
    private volatile long lastPongNanos = System.nanoTime();

    WsConnection(Session session, Caller caller, int sendQueueLimit, Runnable overflow) {
        this.session = session;
        this.caller = caller;
        this.outbox = new Outbox(session, sendQueueLimit, overflow);
    }

    Session session() {
        return session;
    }

    Caller caller() {
        return caller;
    }

    String id() {
        return session.getId();
    }

    /** Queues a message without blocking; false if it was dropped. */
    boolean send(String text) {
        return outbox.offer(text);
    }

    Set<ResourceRef> records() {
        return records;
    }

    Set<String> types() {
        return types;
    }

    Map<TabKey, HeartbeatCommand> tabs() {
        return tabs;
    }

    /** Whether the caller may see the record, asking {@code check} only the first time. */
    boolean canSee(ResourceRef ref, Predicate<ResourceRef> check) {
        Boolean known = visible.get(ref);
        if (known != null) {
            return known;
        }
        if (visible.size() >= VISIBILITY_CACHE) {
            visible.clear();
        }
        boolean answer = check.test(ref);
        visible.put(ref, answer);
        return answer;
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
