package io.presence.web.ws;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.core.CloseReasons;

/**
 * The chain of an upgraded connection on {@link WsListener}: the bytes read go straight to the
 * connection's Tyrus read handler, which parses the frames and calls {@link PresenceSocket}; a
 * transport close reaches Tyrus as an abnormal close (1006) unless a close frame came first. No HTTP
 * codec and no per-connection HTTP state stay behind.
 *
 * <p>A frame whose header announces more than {@link PresenceSocket#MAX_MESSAGE} is answered here with
 * a close frame 1009 and the connection closed, before its payload is read ({@link FrameSizes}).
 *
 * <p>Grizzly runs one read of a connection at a time, on a worker thread, so frames are handled in
 * order; the read buffers are not disposed here because Tyrus may keep a partial frame's buffer until
 * the rest arrives.
 */
final class FrameFilter extends BaseFilter {

    private static final Logger LOG = Logger.getLogger(FrameFilter.class.getName());
    private static final Attribute<org.glassfish.tyrus.spi.Connection> SOCKET =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameFilter.class.getName() + ".socket");
    private static final Attribute<FrameSizes> SIZES = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            FrameFilter.class.getName() + ".sizes", () -> new FrameSizes(PresenceSocket.MAX_MESSAGE));
    /** The close frame for a message over the limit: 1009 and its reason, unmasked (server to client). */
    private static final byte[] TOO_BIG = closeFrame(1009, "message too big");

    static void attach(Connection<?> connection, org.glassfish.tyrus.spi.Connection socket) {
        SOCKET.set(connection, socket);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        org.glassfish.tyrus.spi.Connection socket = SOCKET.get(ctx.getConnection());
        Buffer buffer = ctx.getMessage();
        if (socket == null) {
            ctx.getConnection().closeSilently();
            return ctx.getStopAction();
        }
        if (SIZES.get(ctx.getConnection()).tooLarge(buffer.toByteBuffer())) {
            tooBig(ctx.getConnection(), socket);
            return ctx.getStopAction();
        }
        try {
            if (!buffer.isComposite()) {
                socket.getReadHandler().handle(buffer.toByteBuffer());
            } else {
                ByteBufferArray parts = buffer.toByteBufferArray();
                ByteBuffer[] array = parts.getArray();
                for (int i = 0; i < parts.size(); i++) {
                    socket.getReadHandler().handle(array[i]);
                }
                parts.recycle();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket read failed; closing the connection", e);
            ctx.getConnection().closeSilently();
        }
        return ctx.getStopAction();
    }

    /** Sends 1009 and closes; the endpoint learns the same code, so the tabs get their grace. */
    private static void tooBig(Connection<?> connection, org.glassfish.tyrus.spi.Connection socket) {
        SOCKET.remove(connection);
        connection.write(Buffers.wrap(connection.getMemoryManager(), TOO_BIG));
        connection.closeSilently(); // graceful: after the close frame is written
        socket.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
    }

    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[4 + text.length];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (2 + text.length);
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) code;
        System.arraycopy(text, 0, frame, 4, text.length);
        return frame;
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        org.glassfish.tyrus.spi.Connection socket = SOCKET.remove(ctx.getConnection());
        if (socket != null) {
            socket.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
        }
        return ctx.getStopAction();
    }
}
