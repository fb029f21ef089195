package io.presence.web.ws;

import io.presence.core.errors.PresenceException;
import io.presence.core.hub.Hub;
import io.presence.core.security.AuthenticatedCaller;
import io.presence.core.security.Authenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /api/v1/ws}: authenticates at open from the {@code access_token} and {@code tenant} query
 * parameters (browsers cannot set headers on a WebSocket) and closes with 1008 and the reason before
 * any data when that fails, and {@link Connections} closes it with 4001 when the token expires unless the
 * client sent a fresh one ({@code auth}); on {@link WsListener} the handshake has already authenticated a valid token
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

    @Inject
    Authenticator authenticator;

    @Inject
    Connections connections;

    @Inject
    WsProtocol protocol;

    @Inject
    Hub hub;

    @OnOpen
    public void open(Session session) throws IOException {
        AuthenticatedCaller caller;
        try {
            caller = session.getUserPrincipal() instanceof CallerPrincipal checked
                    ? checked.authenticated()
                    : authenticator.authenticateUntilExpiry(
                            parameter(session, "access_token"), parameter(session, "tenant"));
        } catch (PresenceException e) {
            String reason = e.code() + ": " + e.getMessage();
            session.close(new CloseReason(
                    CloseReason.CloseCodes.VIOLATED_POLICY, reason.length() > 120 ? reason.substring(0, 120) : reason));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        connections.register(session, caller);
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
