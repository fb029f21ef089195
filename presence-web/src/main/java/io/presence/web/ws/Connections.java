package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.core.config.RealtimeSettings;
import io.presence.core.hub.Hub;
import io.presence.core.limits.MessageLimits;
import io.presence.core.metrics.Counters;
import io.presence.core.security.AuthenticatedCaller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live WebSocket connections of this node, their keep-alive, and their {@link ConnectionMetrics}
 * (connections opened and open, slow consumers dropped, connections closed for not answering pings).
 *
 * <p>Keep-alive: every {@code presence.ws.ping-seconds} each connection gets a ping frame; one that has
 * not answered any ping since its previous one is closed (1001 "ping timeout") and its tabs leave. The
 * pings go out in {@link #PING_SLICES} slices spread over the period, not to every connection at once:
 * thousands of pings in one burst, and their pongs, stall clients that share a process (a load
 * generator, a server-side consumer) and delay the node's own deliveries meanwhile.
 * A connection whose token expires is closed with 4001 "token expired" unless the client sent a fresh
 * token in time.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    /** The close code for a client that does not read fast enough (protocol: reconnect, resubscribe). */
    static final int SLOW_CONSUMER = 4008;
    /** The close code for a connection whose token expired (protocol: reconnect with a fresh token). */
    static final int TOKEN_EXPIRED = 4001;

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

    @Inject
    Counters counters;

    @Inject
    UserConnections userConnections;

    static final int PING_SLICES = 10;

    private final Map<String, WsConnection> open = new ConcurrentHashMap<>();
    private ConnectionMetrics metrics;
    /** When each slice was last pinged; only the keep-alive job (never two runs at once) touches them. */
    private final long[] slicePingNanos = new long[PING_SLICES];

    private int pingRound;

    @PostConstruct
    void resolveMetrics() {
        metrics = new ConnectionMetrics(counters);
    }

    void start() {
        timers.every(settings.pingInterval().dividedBy(PING_SLICES), "WebSocket keep-alive", this::pingSlice);
    }

    /**
     * Makes the session a live connection of the caller; refuses it with {@link
     * io.presence.core.errors.LimitExceededException} when the user holds as many connections on this
     * node as {@code presence.limits.user-connections} allows.
     */
    WsConnection register(Session session, AuthenticatedCaller authenticated) {
        userConnections.opened(authenticated.caller());
        WsConnection[] holder = new WsConnection[1];
        holder[0] = new WsConnection(
                session,
                authenticated.caller(),
                hub,
                limits.forConnection(CHANNEL),
                settings.sendQueueLimit(),
                settings.slowConsumerAfter(),
                () -> slowConsumer(holder[0]),
                failure -> sendFailed(holder[0], failure),
                session.getUserPrincipal() instanceof CallerPrincipal);
        open.put(session.getId(), holder[0]);
        metrics.opened(holder[0].onWsListener());
        expireAt(holder[0], authenticated.expiresAt());
        return holder[0];
    }

    /**
     * Closes the connection with {@link #TOKEN_EXPIRED} once {@code at} has passed, unless a fresh token
     * moved its expiry on ({@code auth}); its tabs keep their grace, for a client that reconnects with a
     * fresh token.
     */
    void expireAt(WsConnection conn, Instant at) {
        Duration delay = Duration.between(Instant.now(), at);
        conn.expiresAt(at, timers.after(delay.isNegative() ? Duration.ZERO : delay, "WebSocket token expiry", () -> {
            if (at.equals(conn.expiresAt()) && conn.isOpen()) {
                metrics.tokenExpired();
                close(
                        conn,
                        new CloseReason(CloseReason.CloseCodes.getCloseCode(TOKEN_EXPIRED), "token expired"),
                        false);
            }
        }));
    }

    WsConnection find(Session session) {
        return open.get(session.getId());
    }

    WsConnection remove(Session session) {
        WsConnection conn = open.remove(session.getId());
        if (conn != null) {
            conn.closed();
            metrics.closed(conn.onWsListener());
            userConnections.closed(conn.caller());
        }
        return conn;
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

    /**
     * Closes every connection with 1001 "server shutting down" (tabs keep their grace, to be taken up
     * on another node) and waits up to {@code wait} for the clients' answers.
     */
    void closeAll(Duration wait) {
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        LOG.info(() -> "closing " + open.size() + " WebSocket connections: the node is stopping");
        for (WsConnection conn : open.values()) {
            conn.closingByServer(false);
            try {
                conn.session().close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing a WebSocket failed", e);
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void slowConsumer(WsConnection conn) {
        metrics.slowConsumer();
        LOG.info(() -> "closing slow WebSocket consumer " + conn.id() + " of user "
                + conn.caller().userId());
        close(conn, new CloseReason(CloseReason.CloseCodes.getCloseCode(SLOW_CONSUMER), "slow consumer"), false);
    }

    /** A message could not be encoded or written: the connection would go silent, so it is closed. */
    private void sendFailed(WsConnection conn, Exception failure) {
        LOG.log(
                Level.WARNING,
                "sending to WebSocket connection " + conn.id() + " of user "
                        + conn.caller().userId() + " failed; closing it with 1011",
                failure);
        close(conn, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"), false);
    }

    private void pingSlice() {
        int slice = pingRound;
        pingRound = (pingRound + 1) % PING_SLICES;
        long previous = slicePingNanos[slice];
        slicePingNanos[slice] = System.nanoTime();
        for (WsConnection conn : open.values()) {
            if (Math.floorMod(conn.id().hashCode(), PING_SLICES) != slice) {
                continue;
            }
            if (previous != 0 && conn.lastPongNanos() < previous) {
                metrics.pingTimeout();
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

    /** The counters for the development endpoint (the same figures are on the metrics endpoint). */
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("node_id", settings.nodeId());
        stats.put("connections_open", open.size());
        stats.put("connections_opened", metrics.opened.get());
        stats.put("subscriptions", hub.subscriptions());
        stats.put("local_tabs", hub.localTabs());
        stats.put("local_devices", hub.localDevices());
        stats.put("slow_consumers_dropped", metrics.slowConsumers.get());
        stats.put("ping_timeouts", metrics.pingTimeouts.get());
        stats.put("token_expiries", metrics.tokenExpiries.get());
        return stats;
    }

    public int openConnections() {
        return open.size();
    }
}
