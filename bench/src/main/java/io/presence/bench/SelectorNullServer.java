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

    private static final byte[] RESPONSE;

    static {
        String body = "{\"success\":true,\"data\":{\"token\":\"control\"}}";
        RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private SelectorNullServer() {}

    /** Where one connection is in its request stream. */
    private static final class Parse {
        private final StringBuilder line = new StringBuilder();
        private long bodyLeft;
        private long contentLength;
        private boolean inBody;

        /** Consumes {@code in} and answers how many requests it completed. */
        int feed(ByteBuffer in) {
            int complete = 0;
            while (in.hasRemaining()) {
                if (inBody) {
                    int skip = (int) Math.min(bodyLeft, in.remaining());
                    in.position(in.position() + skip);
                    bodyLeft -= skip;
                    if (bodyLeft == 0) {
                        inBody = false;
                        complete++;
                    }
                    continue;
                }
                char c = (char) in.get();
                if (c != '\n') {
                    if (c != '\r') {
                        line.append(c);
                    }
                    continue;
                }
                if (line.length() > 0) {
                    String header = line.toString().toLowerCase(java.util.Locale.ROOT);
                    if (header.startsWith("content-length:")) {
                        contentLength = Long.parseLong(header.substring(15).trim());
                    }
                    line.setLength(0);
                } else if (contentLength > 0) {
                    inBody = true;
                    bodyLeft = contentLength;
                    contentLength = 0;
                } else {
                    complete++;
                }
            }
            return complete;
        }
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
