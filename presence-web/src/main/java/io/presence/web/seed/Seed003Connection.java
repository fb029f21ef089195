package io.presence.web.seed;

import io.presence.api.model.Caller;
import io.presence.core.hub.Client;
import io.presence.core.hub.HubMessage;
import io.presence.core.hub.Subscriber;
import io.presence.core.json.JsonSupport;
import io.presence.core.status.TypingChanged;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One connection of seed 003's WebSocket: a subscriber of its tenant's users that renders what the hub
 * delivers as {@code initial_state}, {@code presence_update} and {@code typing_update}. Messages are
 * written one after the other without blocking; a client that lets {@link #QUEUE_LIMIT} of them pile
 * up is closed (4008, as on the product's WebSocket) rather than holding them all.
 */
final class Seed003Connection implements Subscriber {

    /** The messages one client may leave unwritten before it is dropped. */
    static final int QUEUE_LIMIT = 1_000;
    /** The key under which this protocol caches its encodings in a hub message's memo. */
    private static final Object CODEC = Seed003Connection.class;

    private final Session session;
    private final Caller caller;
    /** Runs closes off the calling thread: a close frame to a stalled client may block. */
    private final Executor closer;

    private final List<String> queued = new ArrayList<>();
    private final Deque<String> unsent = new ArrayDeque<>();
    private Client client;
    private boolean sending;
    private volatile long lastPongNanos = System.nanoTime();

    Seed003Connection(Session session, Caller caller, Executor closer) {
        this.session = session;
        this.caller = caller;
        this.closer = closer;
    }

    void attach(Client client) {
        this.client = client;
    }

    Client client() {
        return client;
    }

    Session session() {
        return session;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public synchronized void send(HubMessage message) {
        if (message instanceof HubMessage.UserStatusBatch batch) {
            batch.changes().forEach(this::send);
            return;
        }
        String text = render(message);
        if (text != null) {
            queued.add(text);
        }
    }

    @Override
    public synchronized void flush() {
        queued.forEach(this::write);
        queued.clear();
    }

    void ponged() {
        lastPongNanos = System.nanoTime();
    }

    long lastPongNanos() {
        return lastPongNanos;
    }

    private static String render(HubMessage message) {
        if (message instanceof HubMessage.UserSnapshot snapshot) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(
                    "presences",
                    snapshot.users().stream().map(Seed003Json::initial).toList());
            return JsonSupport.write(Seed003Json.message("initial_state", data));
        }
        if (message instanceof HubMessage.UserStatusChange change) {
            return change.memo()
                    .get(
                            CODEC,
                            () -> JsonSupport.write(
                                    Seed003Json.message("presence_update", Seed003Json.status(change.status()))));
        }
        if (message instanceof HubMessage.TypingChange change) {
            return change.memo()
                    .get(CODEC, () -> JsonSupport.write(Seed003Json.message("typing_update", typing(change.change()))));
        }
        return null;
    }

    private static Map<String, Object> typing(TypingChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", Seed003Json.id(change.userId()));
        data.put("conversation_id", Seed003Json.id(change.conversationId()));
        data.put("is_typing", change.typing());
        return data;
    }

    /** Queues a text; the next is sent when the previous one was written. */
    private void write(String text) {
        if (unsent.size() >= QUEUE_LIMIT) {
            unsent.clear();
            closer.execute(
                    () -> closeQuietly(new CloseReason(CloseReason.CloseCodes.getCloseCode(4008), "slow consumer")));
            return;
        }
        unsent.add(text);
        if (!sending) {
            sendNext();
        }
    }

    private synchronized void sendNext() {
        String next = unsent.poll();
        sending = next != null && session.isOpen();
        if (sending) {
            session.getAsyncRemote().sendText(next, this::sent);
        }
    }

    private void sent(SendResult result) {
        if (result.isOK()) {
            sendNext();
        } else {
            synchronized (this) {
                unsent.clear();
                sending = false;
            }
        }
    }

    void closeQuietly(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            // the connection is going anyway
        }
    }
}
