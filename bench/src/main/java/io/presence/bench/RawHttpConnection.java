package io.presence.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, one request at a time. A load generator built
 * on a general-purpose client (the JDK's {@code HttpClient}: futures, a selector thread, an executor hop
 * per response, megabytes of garbage per second) measures itself as much as the server on a 2-core
 * machine; this reads a response with no allocation beyond the request bytes.
 */
final class RawHttpConnection implements Closeable {

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION_CLOSE = "\r\nconnection: close".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    RawHttpConnection(URI base) throws IOException {
        this.base = base;
        open();
    }

    /**
     * (Re)connects. The server ends a keep-alive connection after a number of requests with
     * {@code Connection: close}, as browsers see too; the next request then goes on a new connection.
     */
    private void open() throws IOException {
        start = 0;
        end = 0;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends a whole request and reads the whole response; returns its status code. */
    int exchange(byte[] request) throws IOException {
        if (socket.isClosed()) {
            open();
        }
        out.write(request);
        out.flush();
        int headerEnd;
        try {
            headerEnd = headerEnd();
        } catch (EOFException e) {
            if (end > start) {
                throw e;
            }
            socket.close(); // closed while idle, before this request was read: send it again
            open();
            out.write(request);
            out.flush();
            headerEnd = headerEnd();
        }
        int status = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
        long length = header(CONTENT_LENGTH, start, headerEnd);
        boolean closing = header(CONNECTION_CLOSE, start, headerEnd) >= 0;
        start = headerEnd;
        if (length >= 0) {
            skip(length);
        } else {
            skipChunks();
        }
        if (closing) {
            socket.close();
        }
        return status;
    }

    /** Builds a request with the headers every benchmark request carries. */
    static byte[] request(String method, URI base, String path, String token, String body) {
        StringBuilder request = new StringBuilder(1536)
                .append(method)
                .append(' ')
                .append(base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\nAuthorization: Bearer ")
                .append(token)
                .append("\r\nAccept: application/json\r\n");
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n\r\n")
                    .append(body);
        } else {
            request.append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads until the blank line after the headers; returns the index just past it. */
    private int headerEnd() throws IOException {
        int scanned = 0; // relative to start, which fill() may move
        while (true) {
            for (int i = start + scanned; i + 3 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                    return i + 4;
                }
            }
            scanned = Math.max(0, end - 3 - start);
            fill();
        }
    }

    /** The numeric value of the header that starts with {@code name} (lower case), or -1 if absent. */
    private long header(byte[] name, int from, int to) {
        outer:
        for (int i = from; i + name.length < to; i++) {
            for (int j = 0; j < name.length; j++) {
                if (Character.toLowerCase(buffer[i + j]) != name[j]) {
                    continue outer;
                }
            }
            long value = 0;
            for (int k = i + name.length; k < to && buffer[k] != '\r'; k++) {
                if (buffer[k] >= '0' && buffer[k] <= '9') {
                    value = value * 10 + (buffer[k] - '0');
                }
            }
            return value;
        }
        return -1;
    }

    private void skip(long length) throws IOException {
        while (end - start < length) {
            length -= end - start;
            start = end;
            fill();
        }
        start += (int) length;
    }

    private void skipChunks() throws IOException {
        while (true) {
            int lineEnd = lineEnd();
            long size = 0;
            for (int i = start; i < lineEnd; i++) {
                int digit = Character.digit(buffer[i], 16);
                if (digit < 0) {
                    break;
                }
                size = size * 16 + digit;
            }
            start = lineEnd + 2;
            if (size == 0) {
                start = lineEnd() + 2;
                return;
            }
            skip(size + 2);
        }
    }

    private int lineEnd() throws IOException {
        while (true) {
            for (int i = start; i + 1 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            fill();
        }
    }

    /** Reads more bytes, compacting the buffer first. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new IOException("response headers larger than " + buffer.length + " bytes");
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            throw new EOFException("connection closed by the server");
        }
        end += read;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
