package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) for tests: collects every text message as JSON and the close code,
 * and offers waits that fail the test when nothing comes in time. {@link #stopReading()} makes it a
 * stalled client that stops taking data from its socket.
 */
final class WsTestClient implements AutoCloseable {

    /** The code and reason the server closed with. */
    record Closed(int code, String reason) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean reading = true;

    /**
     * How long the opening handshake may take: as long as the server allows ({@code
     * HandshakeFilter.HANDSHAKE_TIMEOUT}), so that a busy build machine does not fail a test that a
     * working server passes, while a server that never answers still does.
     */
    private static final Duration HANDSHAKE = Duration.ofSeconds(15);

    private WsTestClient(URI uri) {
        this(uri, Map.of());
    }

    private WsTestClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(HANDSHAKE);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener())
                .orTimeout(HANDSHAKE.toSeconds() + 5, TimeUnit.SECONDS)
                .join();
    }

    static WsTestClient connect(int port, String token, String tenant) {
        String query = (token == null ? "" : "access_token=" + token) + (tenant == null ? "" : "&tenant=" + tenant);
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws?" + query));
    }

    /** A connection to any path of the node, with extra handshake headers (e.g. a {@code Cookie}). */
    static WsTestClient connect(int port, String pathAndQuery, Map<String, String> headers) {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), headers);
    }

    void send(String json) {
        socket.sendText(json, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true)
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
    }

    /** The next message, failing the test if none arrives within {@code timeout}. */
    JsonObject next(Duration timeout) {
        try {
            JsonObject message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no WebSocket message within " + timeout);
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, asserting its type. */
    JsonObject next(String type) {
        JsonObject message = next(Duration.ofSeconds(10));
        assertEquals(type, message.getString("type"), () -> "unexpected message " + message);
        return message;
    }

    /** Skips messages until one matches, failing if none does within {@code timeout}. */
    JsonObject await(Predicate<JsonObject> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no matching WebSocket message within " + timeout);
            }
            JsonObject message = next(Duration.ofNanos(left));
            if (match.test(message)) {
                return message;
            }
        }
    }

    /** Asserts that no message arrives for {@code quiet}. */
    void assertSilentFor(Duration quiet) throws InterruptedException {
        assertNoneFor(quiet, message -> true);
    }

    /**
     * Waits {@code quiet} and fails on any message that {@code unwanted} matches; other messages (such as
     * diffs of records that other tests left to expire) are taken and ignored.
     */
    void assertNoneFor(Duration quiet, Predicate<JsonObject> unwanted) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        for (long left = quiet.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonObject message = messages.poll(left, TimeUnit.NANOSECONDS);
            assertTrue(message == null || !unwanted.test(message), () -> "unexpected message " + message);
        }
    }

    Closed awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** How many messages arrived and were not taken yet. */
    int waiting() {
        return messages.size();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Stops requesting frames: data piles up in the socket buffers, as with a stalled browser. */
    void stopReading() {
        reading = false;
    }

    /** Reads again, after {@link #stopReading()}. */
    void resumeReading() {
        reading = true;
        socket.request(1);
    }

    /** Drops the TCP connection without a close frame (a crashed browser, a lost network). */
    void abort() {
        socket.abort();
    }

    void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                .orTimeout(5, TimeUnit.SECONDS)
                .join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(
                        Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
