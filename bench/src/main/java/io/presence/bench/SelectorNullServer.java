package io.presence.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The second control for the REST benchmark: like {@link NullHttpServer} it answers every request on
 * loopback at once with the same envelope, but on one thread, in the selector loop, with no hand-off to
 * a worker and no allocation per request. Against {@link NullHttpServer} it separates what a JVM costs
 * from what a server that wakes another thread for each request costs on this machine.
 * Usage: {@code SelectorNullServer <port>}; runs until killed. Requests may be pipelined and may carry
 * a body with {@code Content-Length}; chunked bodies are not supported.
 */
public final class SelectorNullServer {

    private static final byte[] RESPONSE = response();

    private SelectorNullServer() {}

    /**
     * Where one connection is in its request stream. It reads header lines byte by byte without keeping
     * them: only the value of {@code Content-Length} is taken, so nothing is allocated per request.
     */
    private static final class Parse {
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

        private int column; // bytes of the current header line so far, CR excluded
        private boolean lengthLine; // the current line starts with Content-Length:
        private long lengthValue;
        private long contentLength;
        private long bodyLeft;

        /** Consumes {@code in} and answers how many requests it completed. */
        int feed(ByteBuffer in) {
            int complete = 0;
            while (in.hasRemaining()) {
                if (bodyLeft > 0) {
                    int skip = (int) Math.min(bodyLeft, in.remaining());
                    in.position(in.position() + skip);
                    bodyLeft -= skip;
                    if (bodyLeft == 0) {
                        complete++;
                    }
                    continue;
                }
                byte b = in.get();
                if (b == '\r') {
                    continue;
                }
                if (b != '\n') {
                    header(b);
                    continue;
                }
                if (column > 0) { // the end of a header line
                    if (lengthLine) {
                        contentLength = lengthValue;
                    }
                } else if (contentLength > 0) { // the blank line, then a body
                    bodyLeft = contentLength;
                    contentLength = 0;
                } else { // the blank line of a request without a body
                    complete++;
                }
                column = 0;
                lengthLine = false;
                lengthValue = 0;
            }
            return complete;
        }

        private void header(byte b) {
            if (column < CONTENT_LENGTH.length) {
                lengthLine = (column == 0 || lengthLine) && Character.toLowerCase(b) == CONTENT_LENGTH[column];
            } else if (lengthLine && b >= '0' && b <= '9') {
                lengthValue = lengthValue * 10 + (b - '0');
            }
            column++;
        }
    }

    private static byte[] response() {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + NullHttpServer.BODY.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] whole = Arrays.copyOf(head, head.length + NullHttpServer.BODY.length);
        System.arraycopy(NullHttpServer.BODY, 0, whole, head.length, NullHttpServer.BODY.length);
        return whole;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        try (Selector selector = Selector.open();
                ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
            System.out.println("control server on 127.0.0.1:" + port);
            while (true) {
                selector.select();
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isAcceptable()) {
                        accept(server, selector);
                    } else {
                        serve(key, in, out);
                    }
                }
            }
        }
    }

    private static void accept(ServerSocketChannel server, Selector selector) throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.register(selector, SelectionKey.OP_READ, new Parse());
        }
    }

    private static void serve(SelectionKey key, ByteBuffer in, ByteBuffer out) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        in.clear();
        int read;
        try {
            read = client.read(in);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            client.close();
            return;
        }
        in.flip();
        int requests = ((Parse) key.attachment()).feed(in);
        out.clear();
        for (int i = 0; i < requests; i++) {
            if (out.remaining() < RESPONSE.length) {
                drain(client, out);
            }
            out.put(RESPONSE);
        }
        drain(client, out);
    }

    /** Writes what {@code out} holds; a loopback client that reads its answers keeps this short. */
    private static void drain(SocketChannel client, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            client.write(out);
        }
        out.clear();
    }
}
