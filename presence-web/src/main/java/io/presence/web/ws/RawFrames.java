package io.presence.web.ws;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;

/**
 * Writes frames that are already encoded ({@link WsFrame}) to a Tyrus session: several queued messages
 * go out in one write, and a message to many recipients is encoded once. Tyrus offers this only as
 * {@code TyrusWebSocket.sendRawFrame}, which its own broadcast uses; the session's web socket is
 * reached through the remote endpoint's field, once per connection. Where that is not possible (another
 * container), {@link #of} returns null and the outbox sends text through the standard API.
 */
final class RawFrames {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    private static final Field WEB_SOCKET = webSocketField();

    private final TyrusWebSocket socket;

    private RawFrames(TyrusWebSocket socket) {
        this.socket = socket;
    }

    static RawFrames of(Session session) {
        if (WEB_SOCKET == null || !(session.getAsyncRemote() instanceof TyrusRemoteEndpoint remote)) {
            return null;
        }
        try {
            return WEB_SOCKET.get(remote) instanceof TyrusWebSocket socket ? new RawFrames(socket) : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Queues the bytes on the connection's transport, without waiting for the write to finish. */
    void write(ByteBuffer frames) {
        socket.sendRawFrame(frames);
    }

    private static Field webSocketField() {
        try {
            Field field = TyrusRemoteEndpoint.class.getDeclaredField("webSocket");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("Tyrus' raw frame writes are not available (" + e
                    + "): every message is encoded and written for each recipient on its own");
            return null;
        }
    }
}
