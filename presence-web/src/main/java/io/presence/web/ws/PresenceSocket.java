package io.presence.web.ws;

import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.PresenceException;
import io.presence.core.hub.Hub;
import io.presence.core.security.AuthenticatedCaller;
import io.presence.core.security.Authenticator;
import io.presence.web.rest.TokenCookie;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /api/v1/ws}: authenticates at open from the {@code access_token} and {@code tenant} query
 * parameters (browsers cannot set headers on a WebSocket), or without them from the {@link TokenCookie}
 * when the page's origin is allowed, and closes with 1008 and the reason before any data when that fails
 * or when the user already holds {@code presence.limits.user-connections} connections on this node;
 * {@link Connections} closes it with 4001 when the token expires unless the client sent a fresh one
 * ({@code auth}); on {@link WsListener} the handshake has already authenticated a valid token
 * and hands over the caller instead. Text frames of at most 64 KiB go to {@link WsProtocol} (larger: 1009);
 * binary frames close with 1003.
 *
 * <p>One instance serves every connection (it keeps no state; per-connection state is {@link
 * WsConnection}): {@link Shared} hands the container this application-scoped bean instead of letting it
 * create and inject a new endpoint, with its own CDI creational context, for each connection.
 */
@ApplicationScoped
@ServerEndpoint(value = "/api/v1/ws", configurator = PresenceSocket.Shared.class)
public class PresenceSocket {

    private static final Logger LOG = Logger.getLogger(PresenceSocket.class.getName());
    /** The largest text message accepted, in bytes. */
    static final int MAX_MESSAGE = 64 * 1024;

    private static final String COOKIE_TOKEN = "presence.ws.cookie-token";
    private static final String ORIGIN = "presence.ws.origin";
    private static final String HOST = "presence.ws.host";

    @Inject
    Authenticator authenticator;

    @Inject
    Connections connections;

    @Inject
    WsProtocol protocol;

    @Inject
    Hub hub;

    @Inject
    PresenceSettings settings;

    @OnOpen
    public void open(Session session) throws IOException {
        try {
            AuthenticatedCaller caller = session.getUserPrincipal() instanceof CallerPrincipal checked
                    ? checked.authenticated()
                    : authenticator.authenticateUntilExpiry(token(session), parameter(session, "tenant"));
            session.setMaxTextMessageBufferSize(MAX_MESSAGE);
            connections.register(session, caller);
        } catch (PresenceException e) {
            String reason = e.code() + ": " + e.getMessage();
            session.close(new CloseReason(
                    CloseReason.CloseCodes.VIOLATED_POLICY, reason.length() > 120 ? reason.substring(0, 120) : reason));
        }
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public void text(Session session, String text) {
        WsConnection conn = connections.find(session);
        if (conn != null) {
            protocol.handle(conn, text);
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer ignored) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted"));
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        WsConnection conn = connections.find(session);
        if (conn != null) {
            conn.ponged(pong.getApplicationData());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        WsConnection conn = connections.remove(session);
        if (conn == null) {
            return;
        }
        int code = reason.getCloseCode().getCode();
        boolean normal = !conn.closedByServer() && (code == 1000 || code == 1001);
        hub.disconnect(conn.client(), normal || conn.releaseOnClose());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "WebSocket error on " + session.getId(), failure);
    }

    /**
     * The {@code access_token} parameter, or else the token cookie once the handshake's origin passed
     * {@link TokenCookie#originAllowed} (what {@link Shared#modifyHandshake} kept of the handshake is
     * this session's own copy, Jakarta WebSocket 2.1).
     */
    private String token(Session session) {
        String token = parameter(session, "access_token");
        if (token != null) {
            return token;
        }
        Map<String, Object> handshake = session.getUserProperties();
        String cookie = (String) handshake.get(COOKIE_TOKEN);
        if (cookie != null
                && !TokenCookie.originAllowed(
                        (String) handshake.get(ORIGIN), (String) handshake.get(HOST), settings::corsNames)) {
            throw new ForbiddenException(
                    "origin_not_allowed",
                    "a connection authenticated by cookie must come from this node's origin or an allowed one");
        }
        return cookie;
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Gives the container the one application-scoped endpoint for every connection. {@link WsListener}
     * binds it before it starts (its Tyrus engine creates this configurator outside CDI); the endpoint
     * on the HTTP listener looks it up on first use if nothing was bound.
     */
    public static final class Shared extends ServerEndpointConfig.Configurator {

        private static volatile PresenceSocket endpoint;

        /** Keeps what authentication by cookie needs: the token cookie, the page's origin, the host asked for. */
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Map<String, List<String>> headers = request.getHeaders(); // keyed case-insensitively
            String cookie = TokenCookie.value(headers.get("Cookie"));
            if (cookie != null) {
                Map<String, Object> handshake = config.getUserProperties();
                handshake.put(COOKIE_TOKEN, cookie);
                handshake.put(ORIGIN, first(headers.get("Origin")));
                handshake.put(HOST, first(headers.get("Host")));
            }
        }

        private static String first(List<String> values) {
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        static void bind(PresenceSocket socket) {
            endpoint = socket;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
            if (type != PresenceSocket.class) {
                return super.getEndpointInstance(type);
            }
            PresenceSocket shared = endpoint;
            if (shared == null) {
                shared = CDI.current().select(PresenceSocket.class).get();
                endpoint = shared;
            }
            return type.cast(shared);
        }
    }
}
