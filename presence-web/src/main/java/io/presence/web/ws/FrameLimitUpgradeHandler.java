package io.presence.web.ws;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler;

/**
 * Tyrus' handler of an upgraded connection on the HTTP listener, reading through {@link FrameSizes}: the
 * bytes before a frame whose header announces more than {@link PresenceSocket#MAX_MESSAGE} go to Tyrus
 * as usual, the frame itself never does, and the connection is closed with 1009 through Tyrus (which
 * sends the close frame and tells the endpoint the same code, so the tabs get their grace, as on the
 * WebSocket listener). Whatever the client sends after that is read and dropped.
 *
 * <p>Tyrus offers no public way to close the connection from here: its handler's {@code close(int,
 * String)} is private, and is reached by reflection, once (as {@link RawFrames} reaches Tyrus' raw
 * writes). Where that is not possible the filter is not applied and Tyrus' own limits hold.
 *
 * <p>Public with a public constructor: the container creates it ({@code HttpServletRequest.upgrade}).
 */
public class FrameLimitUpgradeHandler extends TyrusHttpUpgradeHandler {

    private static final Logger LOG = Logger.getLogger(FrameLimitUpgradeHandler.class.getName());
    private static final Method CLOSE = closeMethod();

    /** Whether frames can be limited here (Tyrus' close is reachable). */
    static boolean available() {
        return CLOSE != null;
    }

    @Override
    public void init(WebConnection connection) {
        super.init(new Limited(connection));
    }

    /** Closes with 1009 through Tyrus; called by Tyrus' read loop (the stream's {@code isReady}). */
    private void closeTooBig() {
        try {
            CLOSE.invoke(this, 1009, "message too big");
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.log(Level.WARNING, "a WebSocket frame over the limit could not be closed with 1009", e);
        }
    }

    private static Method closeMethod() {
        try {
            Method close = TyrusHttpUpgradeHandler.class.getDeclaredMethod("close", int.class, String.class);
            close.setAccessible(true);
            return close;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("WebSocket frames on the HTTP listener are limited by Tyrus' read buffer only (" + e
                    + "): frames over 4 MiB close with 1011");
            return null;
        }
    }

    /** The upgraded connection, its input read through {@link FrameSizes}. */
    private final class Limited implements WebConnection {

        private final WebConnection connection;
        private final LimitedInput input;

        Limited(WebConnection connection) {
            this.connection = connection;
            try {
                this.input = new LimitedInput(connection.getInputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ServletInputStream getInputStream() {
            return input;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return connection.getOutputStream();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /**
     * Hands Tyrus the bytes up to the first frame over the limit. Once one is found, {@link #isReady}
     * closes the connection (Tyrus asks it after handling what it read) and answers false, and later
     * reads drop what they read.
     */
    private final class LimitedInput extends ServletInputStream {

        private final ServletInputStream in;
        private final FrameSizes sizes = new FrameSizes(PresenceSocket.MAX_MESSAGE);
        private boolean tooBig;
        private boolean closed;

        LimitedInput(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read <= 0 || tooBig) {
                return tooBig ? Math.min(read, 0) : read;
            }
            int at = sizes.tooLargeAt(ByteBuffer.wrap(bytes, offset, read));
            if (at < 0) {
                return read;
            }
            tooBig = true;
            return at - offset;
        }

        /** One byte, or -1 at the end and from the frame over the limit on. */
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isReady() {
            if (tooBig) {
                if (!closed) {
                    closed = true;
                    closeTooBig();
                }
                return false;
            }
            return in.isReady();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
