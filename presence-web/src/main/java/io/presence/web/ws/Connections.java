package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.core.config.RealtimeSettings;
import io.presence.core.hub.Hub;
import io.presence.core.limits.MessageLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live WebSocket connections of this node, their keep-alive, and counters for later export
 * (connections opened and open, slow consumers dropped, connections closed for not answering pings).
 *
 * <p>Keep-alive: every {@code presence.ws.ping-seconds} each connection gets a ping frame; one that has
 * not answered any ping since the previous round is closed (1001 "ping timeout") and its tabs leave.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    /** The close code for a client that does not read fast enough (protocol: reconnect, resubscribe). */
    static final int SLOW_CONSUMER = 4008;
    /** The channel of this endpoint's connections in the rate limit's counters. */
    static final String CHANNEL = "websocket";

    @Inject
    RealtimeSettings settings;

    @Inject
    WsTimers timers;

    @Inject
    Hub hub;

    @Inject
    MessageLimits limits;

    private final Map<String, WsConnection> open = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong slowConsumersDropped = new AtomicLong();
    private final AtomicLong pingTimeouts = new AtomicLong();
    private volatile long lastPingNanos;

    void start() {
        timers.every(settings.pingInterval(), "WebSocket keep-alive", this::pingAll);
    }

    WsConnection register(Session session, Caller caller) {
        WsConnection[] holder = new WsConnection[1];
        holder[0] = new WsConnection(
                session,
                caller,
                hub,
                limits.forConnection(CHANNEL),
                settings.sendQueueLimit(),
                settings.slowConsumerAfter(),
                () -> slowConsumer(holder[0]));
        open.put(session.getId(), holder[0]);
        opened.incrementAndGet();
        return holder[0];
    }

    WsConnection find(Session session) {
        return open.get(session.getId());
    }

    WsConnection remove(Session session) {
        return open.remove(session.getId());
    }

    /** Closes the caller's connections on this node (same tenant and user); returns how many. */
    public int closeUser(Caller caller, CloseReason reason) {
        int count = 0;
        for (WsConnection conn : open.values()) {
            if (conn.caller().tenant().equals(caller.tenant())
                    && conn.caller().userId().equals(caller.userId())) {
                close(conn, reason, false);
                count++;
            }
        }
        return count;
    }

    /** Closes a connection from a timer thread; {@code release} makes its tabs leave without grace. */
    void close(WsConnection conn, CloseReason reason, boolean release) {
        conn.closingByServer(release);
        timers.now("WebSocket close", () -> {
            try {
                conn.session().close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing a WebSocket failed", e);
            }
        });
    }

    private void slowConsumer(WsConnection conn) {
        slowConsumersDropped.incrementAndGet();
        LOG.info(() -> "closing slow WebSocket consumer " + conn.id() + " of user "
                + conn.caller().userId());
        close(conn, new CloseReason(CloseReason.CloseCodes.getCloseCode(SLOW_CONSUMER), "slow consumer"), false);
    }

    private void pingAll() {
        long previous = lastPingNanos;
        lastPingNanos = System.nanoTime();
        for (WsConnection conn : open.values()) {
            if (previous != 0 && conn.lastPongNanos() < previous) {
                pingTimeouts.incrementAndGet();
                close(conn, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout"), true);
                continue;
            }
            try {
                LeanContext.send(() -> conn.session().getAsyncRemote().sendPing(conn.probe()));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "ping failed", e);
            }
        }
    }

    /** The counters, by their future metric names. */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("node_id", settings.nodeId());
        stats.put("connections_open", open.size());
        stats.put("connections_opened", opened.get());
        stats.put("subscriptions", hub.subscriptions());
        stats.put("local_tabs", hub.localTabs());
        stats.put("slow_consumers_dropped", slowConsumersDropped.get());
        stats.put("ping_timeouts", pingTimeouts.get());
        return stats;
    }

    public int openConnections() {
        return open.size();
    }

    public long openedConnections() {
        return opened.get();
    }

    public long slowConsumersDropped() {
        return slowConsumersDropped.get();
    }

    public long pingTimeouts() {
        return pingTimeouts.get();
    }
}
