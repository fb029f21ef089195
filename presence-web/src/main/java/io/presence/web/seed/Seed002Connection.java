package io.presence.web.seed;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.Viewer;
import io.presence.core.hub.Client;
import io.presence.core.hub.HubMessage;
import io.presence.core.hub.Subscriber;
import io.presence.core.json.JsonSupport;
import io.presence.core.limits.MessageLimiter;
import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.StateDiff;
import jakarta.websocket.Session;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

/**
 * One seed 002 connection: a tab of the one record it subscribed to, rendered as seed 002's
 * {@code PRESENCE {users, stale, version}} (plus {@code busyBy} and {@code locks}, which its hook also
 * reads) after every change the hub delivers. Seed 002 has no diffs, so each change re-sends the whole
 * state; its rooms are edit pages of a few users.
 */
final class Seed002Connection implements Subscriber {

    private final Session session;
    private final Caller caller;
    private final MessageLimiter limiter;
    private final Set<String> users = new LinkedHashSet<>();
    private final Map<String, String> locks = new TreeMap<>();
    private Client client;
    private ResourceRef record;
    private boolean stale;
    private String busyBy;
    private long version;
    private boolean changed;
    private ScheduledFuture<?> expiry;

    Seed002Connection(Session session, Caller caller, MessageLimiter limiter) {
        this.session = session;
        this.caller = caller;
        this.limiter = limiter;
    }

    /**
     * Whether a message that arrived at {@code nowNanos} is within this connection's rate limit, the same
     * as on the product's own WebSocket. One over it is answered with {@code ERROR rate_limited} and
     * {@code retryAfterMs}; from a connection that keeps sending regardless, it closes the connection (1008).
     */
    boolean admit(long nowNanos) {
        MessageLimiter.Verdict verdict = limiter.offer(nowNanos);
        switch (verdict.kind()) {
            case ACCEPTED -> {
                return true;
            }
            case REFUSED ->
                writeError("rate_limited", limiter.refusal(), Map.of("retryAfterMs", verdict.retryAfterMillis()));
            case CLOSE -> Seed002Socket.closeQuietly(session, "rate_limited");
        }
        return false;
    }

    /** Writes seed 002's {@code {"type":"ERROR","code","message"}} with {@code extra} fields. */
    void writeError(String code, String message, Map<String, Object> extra) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "ERROR");
        json.put("code", code);
        json.put("message", message);
        json.putAll(extra);
        write(JsonSupport.write(json));
    }

    void attach(Client client) {
        this.client = client;
    }

    /** The timer that closes the connection when its token expires (null: none, the connection is gone). */
    synchronized void expireWith(ScheduledFuture<?> timer) {
        if (expiry != null) {
            expiry.cancel(false);
        }
        expiry = timer;
    }

    Client client() {
        return client;
    }

    Session session() {
        return session;
    }

    /** The tab this connection is: one per connection, as seed 002's client is one page. */
    String tabId() {
        return "seed002-" + session.getId().replaceAll("[^A-Za-z0-9._~-]", "");
    }

    synchronized ResourceRef record() {
        return record;
    }

    synchronized void subscribed(ResourceRef ref) {
        record = ref;
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
        if (message instanceof HubMessage.RecordSnapshot snapshot
                && snapshot.view().ref().equals(record)) {
            users.clear();
            snapshot.view().viewers().forEach(viewer -> users.add(viewer.userId()));
            locks.clear();
            snapshot.view().state().locks().forEach(lock -> locks.put(lock.field(), lock.userId()));
            lifecycle(snapshot.view().state().lifecycle());
            changed = true;
        } else if (message instanceof HubMessage.AccessRevoked revoked
                && revoked.ref().equals(record)) {
            users.clear();
            locks.clear();
            changed = true;
        } else if (message instanceof HubMessage.Diff diff && diff.diff().ref().equals(record)) {
            Viewer viewer = diff.viewer();
            changed |= viewer == null ? users.remove(diff.diff().tab().userId()) : users.add(viewer.userId());
        } else if (message instanceof HubMessage.StateChange change
                && change.diff().ref().equals(record)) {
            StateDiff diff = change.diff();
            FieldLock lock = diff.lock();
            switch (diff.kind()) {
                case LOCKED -> locks.put(lock.field(), lock.userId());
                case UNLOCKED -> locks.remove(lock.field());
                case LIFECYCLE -> lifecycle(diff.lifecycle());
            }
            changed = true;
        }
    }

    private void lifecycle(Lifecycle lifecycle) {
        stale = lifecycle.stale();
        busyBy = lifecycle.busyBy();
        version = lifecycle.version();
    }

    @Override
    public synchronized void flush() {
        if (!changed || !session.isOpen()) {
            return;
        }
        changed = false;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "PRESENCE");
        json.put("users", users.stream().toList());
        json.put("stale", stale);
        json.put("version", version);
        json.put("busyBy", busyBy);
        json.put("locks", Map.copyOf(locks));
        write(JsonSupport.write(json));
    }

    /** Writes without blocking: a seed 002 client that stops reading only fills its own queue. */
    synchronized void write(String text) {
        session.getAsyncRemote().sendText(text);
    }
}
