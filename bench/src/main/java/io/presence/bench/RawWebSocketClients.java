package io.presence.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many WebSocket client connections on one selector thread, speaking just enough RFC 6455 for the
 * benchmark: the upgrade handshake, masked text frames out, text/ping/close frames in (pings answered at
 * once, as browsers do). Each text message is handed to its connection's handler on the selector thread
 * with the {@link System#nanoTime} at which it was read, so the measured latency holds no executor hops
 * or garbage of a general-purpose client.
 */
final class RawWebSocketClients implements AutoCloseable {

    /** Receives whole text messages of one connection, with the time they were read. */
    interface Handler {
        void text(Connection connection, String message, long readNanos);
    }

    private final Selector selector;
    private final Thread loop;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    RawWebSocketClients() throws IOException {
        selector = Selector.open();
        loop = new Thread(this::run, "bench-ws-selector");
        loop.setDaemon(true);
        loop.start();
    }

    /** Connects and upgrades; completes when the server accepted the upgrade. */
    CompletableFuture<Connection> connect(URI node, String query, Handler handler) {
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(new InetSocketAddress(node.getHost(), node.getPort() + WsBenchClients.WS_PORT_OFFSET));
                Connection connection = new Connection(channel, handler, opened);
                byte[] nonce = new byte[16];
                ThreadLocalRandom.current().nextBytes(nonce);
                String key = Base64.getEncoder().encodeToString(nonce);
                connection.queue(ByteBuffer.wrap(("GET /api/v1/ws?" + query + " HTTP/1.1\r\nHost: " + node.getHost()
                                + ":" + (node.getPort() + WsBenchClients.WS_PORT_OFFSET)
                                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            } catch (IOException e) {
                opened.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return opened;
    }

    private void run() {
        try (selector) {
            select();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void select() throws IOException {
        while (running) {
            selector.select(100);
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                try {
                    if (key.isConnectable() && connection.channel.finishConnect()) {
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    }
                    if (key.isValid() && key.isWritable()) {
                        connection.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        connection.read(System.nanoTime());
                    }
                } catch (IOException | RuntimeException e) {
                    connection.fail(e);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        loop.join();
    }

    /** One client connection; its methods other than {@link #sendText} run on the selector thread. */
    final class Connection {
        private final SocketChannel channel;
        private final Handler handler;
        private final CompletableFuture<Connection> opened;
        private final Queue<ByteBuffer> outgoing = new ArrayDeque<>();
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private StringBuilder fragments;
        private boolean upgraded;
        private volatile boolean closed;
        private SelectionKey key;

        private Connection(SocketChannel channel, Handler handler, CompletableFuture<Connection> opened) {
            this.channel = channel;
            this.handler = handler;
            this.opened = opened;
        }

        /** Queues a text message from any thread. */
        void sendText(String text) {
            ByteBuffer frame = RawWebSocketClients.frame(0x1, text.getBytes(StandardCharsets.UTF_8));
            tasks.add(() -> queue(frame));
            selector.wakeup();
        }

        boolean closed() {
            return closed;
        }

        private void queue(ByteBuffer data) {
            outgoing.add(data);
            if (key != null && key.isValid() && channel.isConnected()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        }

        private void flush() throws IOException {
            while (!outgoing.isEmpty()) {
                ByteBuffer head = outgoing.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return;
                }
                outgoing.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private void read(long now) throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("closed by the server");
            }
            in.flip();
            if (!upgraded && !handshake()) {
                in.compact();
                return;
            }
            while (frame(now)) {
                // one whole frame consumed per turn
            }
            in.compact();
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                in = bigger.put(in);
            }
        }

        /** Consumes the upgrade response if whole; true once upgraded. */
        private boolean handshake() throws IOException {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    byte[] head = new byte[i - in.position()];
                    in.get(head);
                    in.position(i + 4);
                    String response = new String(head, StandardCharsets.US_ASCII);
                    if (!response.startsWith("HTTP/1.1 101")) {
                        throw new IOException("upgrade refused: "
                                + response.lines().findFirst().orElse(""));
                    }
                    upgraded = true;
                    opened.complete(this);
                    return true;
                }
            }
            return false;
        }

        /** Handles one whole frame at the buffer's position; false if it is not all here yet. */
        private boolean frame(long now) throws IOException {
            int available = in.remaining();
            if (available < 2) {
                return false;
            }
            int p = in.position();
            int b0 = in.get(p) & 0xff;
            int b1 = in.get(p + 1) & 0x7f;
            int header = 2;
            long length = b1;
            if (b1 == 126) {
                header = 4;
                if (available < header) {
                    return false;
                }
                length = in.getShort(p + 2) & 0xffff;
            } else if (b1 == 127) {
                header = 10;
                if (available < header) {
                    return false;
                }
                length = in.getLong(p + 2);
            }
            if (available < header + length) {
                return false;
            }
            byte[] payload = new byte[(int) length];
            in.position(p + header);
            in.get(payload);
            boolean fin = (b0 & 0x80) != 0;
            switch (b0 & 0x0f) {
                case 0x1, 0x0 -> text(new String(payload, StandardCharsets.UTF_8), fin, now);
                case 0x9 -> queue(RawWebSocketClients.frame(0xA, payload));
                case 0x8 -> throw new IOException("closed by the server: " + closeReason(payload));
                default -> {
                    // pong or binary: not used by the server
                }
            }
            return true;
        }

        private void text(String part, boolean fin, long now) {
            if (!fin) {
                fragments = fragments == null ? new StringBuilder(part) : fragments.append(part);
                return;
            }
            String message = fragments == null ? part : fragments.append(part).toString();
            fragments = null;
            handler.text(this, message, now);
        }

        private void fail(Exception e) {
            closed = true;
            opened.completeExceptionally(e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static String closeReason(byte[] payload) {
        return payload.length < 2
                ? "no code"
                : ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)) + " "
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    /** A masked client frame. */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        int length = payload.length;
        ByteBuffer frame = ByteBuffer.allocate(14 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.flip();
    }
}
