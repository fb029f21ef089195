package io.presence.web.seed;

import io.presence.api.model.Caller;
import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.PresenceException;
import io.presence.core.hub.Hub;
import io.presence.core.json.JsonFields;
import io.presence.core.json.JsonSupport;
import io.presence.core.json.WellFormedText;
import io.presence.core.limits.MessageLimits;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.records.FieldLocks;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import io.presence.core.security.AuthenticatedCaller;
import io.presence.core.security.Authenticator;
import io.presence.web.rest.TokenCookie;
import io.presence.web.ws.UserConnections;
import io.presence.web.ws.WsTimers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 002's WebSocket, {@code /ws/presence}, exactly as its client speaks it:
 * {@code {"type":"SUB","userId","tenantId","entity","id"}} answered by
 * {@code {"type":"PRESENCE","users","stale","version"}} (and again after every change),
 * {@code {"type":"HB"}}, {@code {"type":"LOCK","field"}} answered by
 * {@code {"type":"LOCK_ACK","field","success"}}, and {@code {"type":"UNLOCK","field"}} (also
 * {@code RELEASE}) answered by {@code {"type":"UNLOCK_ACK","field","success"}}.
 *
 * <p>Identity comes from the token, never from the message: the token travels as the {@code token} (or
 * {@code access_token}) query parameter, or in the cookie named by {@code presence.auth.cookie-name};
 * a {@code SUB} whose {@code userId} or {@code tenantId} differs from the token's is refused and the
 * connection closed (1008). The connection closes with 4001 when the token expires. {@code entity} names a resource type by its name, an alias its plugin
 * declares, or its CamelCase form ({@code Order}).
 *
 * <p>Messages have the same rate limit as on {@code /api/v1/ws}: one over it is answered with
 * {@code {"type":"ERROR","code":"rate_limited","retryAfterMs"}} and not handled, and a connection that
 * keeps sending regardless is closed with 1008.
 */
@ApplicationScoped
@ServerEndpoint(value = "/ws/presence", configurator = Seed002Socket.Handshake.class)
public class Seed002Socket {

    private static final Logger LOG = Logger.getLogger(Seed002Socket.class.getName());
    private static final String TOKEN = "presence.seed002.token";
    private static final int MAX_MESSAGE = 16 * 1024;
    /** The close code when the token expires; seed 002 has no re-authentication, its client reconnects. */
    private static final int TOKEN_EXPIRED = 4001;

    /** The channel of this endpoint's connections in the rate limit's counters. */
    private static final String CHANNEL = "ws_presence";

    @Inject
    Authenticator authenticator;

    @Inject
    Hub hub;

    @Inject
    FieldLocks locks;

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    WsTimers timers;

    @Inject
    UserConnections userConnections;

    @Inject
    MessageLimits limits;

    private final Map<String, Seed002Connection> connections = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        AuthenticatedCaller caller;
        try {
            // Jakarta WebSocket 2.1: what modifyHandshake put in the user properties is this session's own copy.
            caller = authenticator.authenticateUntilExpiry(
                    (String) session.getUserProperties().remove(TOKEN), parameter(session, "tenantId"));
            userConnections.opened(caller.caller());
        } catch (PresenceException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.code()));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        Seed002Connection conn = new Seed002Connection(session, caller.caller(), limits.forConnection(CHANNEL));
        conn.attach(hub.connect(conn));
        connections.put(session.getId(), conn);
        Duration left = Duration.between(Instant.now(), caller.expiresAt());
        conn.expireWith(timers.after(left.isNegative() ? Duration.ZERO : left, "seed 002 token expiry", () -> {
            if (session.isOpen()) {
                closeQuietly(session, CloseReason.CloseCodes.getCloseCode(TOKEN_EXPIRED), "token expired");
            }
        }));
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void text(Session session, String text) {
        Seed002Connection conn = connections.get(session.getId());
        if (conn == null || !conn.admit(System.nanoTime())) {
            return;
        }
        try {
            JsonObject message = parse(text);
            if (isMismatch(conn, message)) {
                error(
                        conn,
                        "identity_mismatch",
                        "userId and tenantId must be the token's; identity comes from the token");
                closeQuietly(session, CloseReason.CloseCodes.VIOLATED_POLICY, "identity_mismatch");
                return;
            }
            String type = JsonFields.requiredString(message, "type");
            switch (type) {
                case "SUB" -> subscribe(conn, message);
                case "HB" -> {
                    // The node refreshes the connection's tab while it is open; a heartbeat needs no answer.
                }
                case "LOCK" -> lock(conn, JsonFields.requiredString(message, "field"));
                case "UNLOCK", "RELEASE" -> unlock(conn, JsonFields.requiredString(message, "field"));
                default -> error(conn, "unknown_message_type", "unknown message type '" + type + "'");
            }
        } catch (PresenceException e) {
            error(conn, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure handling a seed 002 message", e);
            error(conn, "internal_error", "the server failed to process the message");
        }
    }

    /** Whether a message claims another user or tenant than the token's. */
    private static boolean isMismatch(Seed002Connection conn, JsonObject message) {
        Caller caller = conn.caller();
        return id(message, "userId").filter(id -> !id.equals(caller.userId())).isPresent()
                || id(message, "tenantId")
                        .filter(id -> !id.equals(caller.tenant()))
                        .isPresent();
    }

    /** Closes with 1008 and the reason (a flood of messages over the rate limit). */
    static void closeQuietly(Session session, String reason) {
        closeQuietly(session, CloseReason.CloseCodes.VIOLATED_POLICY, reason);
    }

    private static void closeQuietly(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a seed 002 WebSocket failed", e);
        }
    }

    private void subscribe(Seed002Connection conn, JsonObject message) {
        Caller caller = conn.caller();
        String type = registry.requireByAnyName(JsonFields.requiredString(message, "entity"))
                .type()
                .name();
        String id = id(message, "id").orElseThrow(() -> new InvalidInputException("id", "is required"));
        ResourceRef previous = conn.record();
        if (previous != null && !(previous.type().equals(type) && previous.id().equals(id))) {
            hub.leave(conn.client(), previous, conn.tabId());
            hub.unsubscribeRecord(conn.client(), previous);
        }
        conn.subscribed(new ResourceRef(caller.tenant(), type, id));
        hub.presence(conn.client(), type, id, new HeartbeatCommand(conn.tabId(), Mode.VIEW, false, null), null);
    }

    private void lock(Seed002Connection conn, String field) {
        ResourceRef ref = requireRecord(conn);
        Map<String, Object> ack = ack("LOCK_ACK", field);
        try {
            LockOutcome outcome = locks.lock(conn.caller(), ref.type(), ref.id(), field, conn.tabId());
            ack.put("success", outcome.status() != LockOutcome.Status.HELD);
            if (outcome.status() == LockOutcome.Status.HELD) {
                ack.put("heldBy", outcome.lock().userId());
            }
        } catch (PresenceException e) {
            ack.put("success", false);
            ack.put("error", e.code());
        }
        conn.write(JsonSupport.write(ack));
    }

    private void unlock(Seed002Connection conn, String field) {
        ResourceRef ref = requireRecord(conn);
        Map<String, Object> ack = ack("UNLOCK_ACK", field);
        try {
            UnlockOutcome outcome = locks.unlock(conn.caller(), ref.type(), ref.id(), field);
            ack.put("success", outcome.status() == UnlockOutcome.Status.RELEASED);
        } catch (PresenceException e) {
            ack.put("success", false);
            ack.put("error", e.code());
        }
        conn.write(JsonSupport.write(ack));
    }

    private static Map<String, Object> ack(String type, String field) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", type);
        ack.put("field", field);
        return ack;
    }

    private static ResourceRef requireRecord(Seed002Connection conn) {
        ResourceRef ref = conn.record();
        if (ref == null) {
            throw new PresenceException(409, "not_subscribed", "send SUB for a record before locking its fields");
        }
        return ref;
    }

    private static void error(Seed002Connection conn, String code, String message) {
        conn.writeError(code, message, Map.of());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Seed002Connection conn = connections.remove(session.getId());
        if (conn != null) {
            userConnections.closed(conn.client().caller());
            conn.expireWith(null);
            int code = reason.getCloseCode().getCode();
            hub.disconnect(conn.client(), code == 1000 || code == 1001);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "seed 002 WebSocket error on " + session.getId(), failure);
    }

    /** Ids in seed 002's messages may be strings or numbers. */
    private static Optional<String> id(JsonObject message, String name) {
        JsonValue value = message.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return Optional.of(number.bigIntegerValue().toString());
        }
        return JsonFields.optionalString(message, name);
    }

    private static JsonObject parse(String text) {
        try {
            JsonValue value = JsonSupport.readValue(text);
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                WellFormedText.require(value);
                return value.asJsonObject();
            }
        } catch (JsonException e) {
            // answered below
        }
        throw new PresenceException(400, "malformed_message", "a message must be a JSON object");
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Takes the token from the query ({@code token}, {@code access_token}) or the configured cookie,
     * and gives the container the one application-scoped endpoint.
     */
    public static final class Handshake extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String token = first(request.getParameterMap().get("token"));
            if (token == null) {
                token = first(request.getParameterMap().get("access_token"));
            }
            if (token == null && cookieFromAllowedOrigin(request)) {
                token = TokenCookie.value(request.getHeaders().get("Cookie"));
            }
            config.getUserProperties().put(TOKEN, token);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
            return type == Seed002Socket.class
                    ? type.cast(CDI.current().select(Seed002Socket.class).get())
                    : super.getEndpointInstance(type);
        }

        /** A page of another site may not use the visitor's cookie: the origin must be this node's or an allowed one. */
        private static boolean cookieFromAllowedOrigin(HandshakeRequest request) {
            PresenceSettings settings =
                    CDI.current().select(PresenceSettings.class).get();
            return TokenCookie.originAllowed(
                    first(request.getHeaders().get("Origin")),
                    first(request.getHeaders().get("Host")),
                    settings::corsNames);
        }

        private static String first(List<String> values) {
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
