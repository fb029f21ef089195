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
 * connection, so that several queued messages go out in one write and a message to many recipients
 * is encoded once. On the WebSocket listener the frames go straight to the connection's {@link
 * FrameWriter}; on the HTTP listener through Tyrus' {@code TyrusWebSocket.sendRawFrame}, which its own
 * broadcast uses (the session's web socket is reached through the remote endpoint's field, once per
 * connection). Where neither is possible (another container), each message is sent as text through
 * the standard API.
 */
final class RawFrames implements Outbox.Sink {

    private static final Logger LOG = Logger.getLogger(RawFrames.class.getName());
    private static final Field WEB_SOCKET = webSocketField();

    private final Session session;
    /** The listener connection's writer, or null on the HTTP listener. */
    private final FrameWriter writer;
    /** Null when raw writes are not available: text goes through the standard API. */
    private final TyrusWebSocket socket;

    private RawFrames(Session session, FrameWriter writer, TyrusWebSocket socket) {
        this.session = session;
        this.writer = writer;
        this.socket = socket;
    }

    /** The transport of a session being opened on this thread. */
    static RawFrames of(Session session) {
        FrameWriter writer = FrameWriter.opening();
        return new RawFrames(session, writer, writer == null ? webSocket(session) : null);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    /** Queues the frames on the connection's transport, without waiting for the write to finish. */
    @Override
    public void write(List<WsFrame> frames, int bytes) throws IOException {
        if (writer != null) {
            writer.write(frames.size() == 1 ? frames.get(0).bytes() : joined(frames, bytes));
        } else if (socket == null) {
            for (WsFrame frame : frames) {
                for (String text : frame.texts()) {
                    LeanContext.send(() -> session.getAsyncRemote().sendText(text));
                }
            }
        } else if (frames.size() == 1) {
            socket.sendRawFrame(frames.get(0).bytes());
        } else {
            socket.sendRawFrame(joined(frames, bytes));
        }
    }

    private static ByteBuffer joined(List<WsFrame> frames, int bytes) {
        ByteBuffer joined = ByteBuffer.allocate(bytes);
        for (WsFrame frame : frames) {
            joined.put(frame.bytes());
        }
        return joined.flip();
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
