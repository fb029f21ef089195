package io.presence.web.seed;

import io.presence.api.model.Caller;
import io.presence.core.config.RealtimeSettings;
import io.presence.core.errors.PresenceException;
import io.presence.core.hub.Hub;
import io.presence.core.security.Authenticator;
import io.presence.web.ws.UserConnections;
import io.presence.web.ws.WsTimers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 003's WebSocket, {@code /api/presence/subscribe}: authenticated by the handshake's
 * {@code Authorization: Bearer} header or the {@code token} query parameter (tenant: {@code X-SX-Tenant}
 * or {@code tenant}), closed with 1008 before any data when that fails. A connection subscribes to its
 * tenant's users at once: {@code initial_state} with every user it may see, then {@code
 * presence_update} and {@code typing_update} (see {@link Seed003Connection}). The client sends nothing
 * the seed defines; its text is ignored. Pinged every {@code presence.ws.ping-seconds}; a connection
 * that stopped answering is closed.
 */
@ApplicationScoped
@ServerEndpoint(value = "/api/presence/subscribe", configurator = Seed003Socket.Handshake.class)
public class Seed003Socket {

    private static final Logger LOG = Logger.getLogger(Seed003Socket.class.getName());
    private static final String TOKEN = "presence.seed003.token";
    private static final String TENANT = "presence.seed003.tenant";
    private static final int MAX_MESSAGE = 4 * 1024;

    @Inject
    Authenticator authenticator;

    @Inject
    Hub hub;

    @Inject
    WsTimers timers;

    @Inject
    UserConnections userConnections;

    @Inject
    RealtimeSettings settings;

    private final Map<String, Seed003Connection> connections = new ConcurrentHashMap<>();
    private volatile long lastPingNanos;

    @PostConstruct
    void startPings() {
        timers.every(settings.pingInterval(), "seed 003 WebSocket keep-alive", this::pingAll);
    }

    @OnOpen
    public void open(Session session) throws IOException {
        Caller caller;
        try {
            // What modifyHandshake stored is this session's own copy of the properties (Jakarta WebSocket 2.1).
            Map<String, Object> handshake = session.getUserProperties();
            caller = authenticator.authenticate((String) handshake.get(TOKEN), (String) handshake.get(TENANT));
            userConnections.opened(caller);
        } catch (PresenceException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.code()));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        Seed003Connection conn = new Seed003Connection(session, caller, job -> timers.now("seed 003 close", job));
        conn.attach(hub.connect(conn));
        connections.put(session.getId(), conn);
        hub.subscribeUsers(conn.client(), null, null);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void text(Session session, String text) {
        // Seed 003 defines no client message; whatever a client sends changes nothing.
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Seed003Connection conn = connections.get(session.getId());
        if (conn != null) {
            conn.ponged();
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Seed003Connection conn = connections.remove(session.getId());
        if (conn != null) {
            userConnections.closed(conn.client().caller());
            hub.disconnect(conn.client(), true);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "seed 003 WebSocket error on " + session.getId(), failure);
    }

    private void pingAll() {
        long previous = lastPingNanos;
        lastPingNanos = System.nanoTime();
        for (Seed003Connection conn : connections.values()) {
            if (previous != 0 && conn.lastPongNanos() < previous) {
                conn.closeQuietly(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping timeout"));
                continue;
            }
            try {
                conn.session().getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "seed 003 ping failed", e);
            }
        }
    }

    /**
     * Takes the token from the {@code Authorization} header or the {@code token} query parameter, the
     * tenant from {@code X-SX-Tenant} or {@code tenant}, into this handshake's own properties; and gives
     * the container the one application-scoped endpoint.
     */
    public static final class Handshake extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String token = header(request, "Authorization");
            if (token == null) {
                token = first(request.getParameterMap().get("token"));
            }
            String tenant = header(request, "X-SX-Tenant");
            if (tenant == null) {
                tenant = first(request.getParameterMap().get("tenant"));
            }
            config.getUserProperties().put(TOKEN, token);
            config.getUserProperties().put(TENANT, tenant);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
            return type == Seed003Socket.class
                    ? type.cast(CDI.current().select(Seed003Socket.class).get())
                    : super.getEndpointInstance(type);
        }

        private static String header(HandshakeRequest request, String name) {
            for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return first(header.getValue());
                }
            }
            return null;
        }

        private static String first(List<String> values) {
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
