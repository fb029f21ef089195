package io.presence.web.ws;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;

/**
 * The transport of an {@link Outbox}: writes frames that are already encoded ({@link WsFrame}) to a
 * Tyrus session, so that several queued messages go out in one write and a message to many recipients
 * is encoded once. Tyrus offers this only as {@code TyrusWebSocket.sendRawFrame}, which its own
 * broadcast uses; the session's web socket is reached through the remote endpoint's field, once per
 * connection. Where that is not possible (another container), each message is sent as text through the
 * standard API.
 */
final class RawFrames implements Outbox.Sink {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    private static final Field WEB_SOCKET = webSocketField();

    private final Session session;
    /** Null when raw writes are not available: text goes through the standard API. */
    private final TyrusWebSocket socket;

    private RawFrames(Session session, TyrusWebSocket socket) {
        this.session = session;
        this.socket = socket;
    }

    static RawFrames of(Session session) {
        return new RawFrames(session, webSocket(session));
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    /** Queues the frames on the connection's transport, without waiting for the write to finish. */
    @Override
    public void write(List<WsFrame> frames, int bytes) throws IOException {
        if (socket == null) {
            for (WsFrame frame : frames) {
                for (String text : frame.texts()) {
                    LeanContext.send(() -> session.getAsyncRemote().sendText(text));
                }
            }
        } else if (frames.size() == 1) {
            socket.sendRawFrame(frames.get(0).bytes());
        } else {
            ByteBuffer joined = ByteBuffer.allocate(bytes);
            for (WsFrame frame : frames) {
                joined.put(frame.bytes());
            }
            socket.sendRawFrame(joined.flip());
        }
    }

    @Override
    public void ping(ByteBuffer payload) throws IOException {
        LeanContext.send(() -> session.getAsyncRemote().sendPing(payload));
    }

    private static TyrusWebSocket webSocket(Session session) {
        if (WEB_SOCKET == null || !(session.getAsyncRemote() instanceof TyrusRemoteEndpoint remote)) {
            return null;
        }
        try {
            return WEB_SOCKET.get(remote) instanceof TyrusWebSocket socket ? socket : null;
        } catch (IllegalAccessException e) {
            return null;
        }
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
