package io.presence.web.ws;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Payara Micro node with the in-memory store, shared by every test class that extends with it and
 * stopped when the test run ends: a short TTL (3 s), sweep (0.5 s) and grace (2 s) make expiry and
 * grace observable quickly; a small send limit (256 unconfirmed messages, and 1 s to confirm beyond it) makes a stalled client overflow
 * soon. Its rate limits are far above the defaults: these suites send hundreds of messages and
 * heartbeats at once to test ordering and slow consumers, not limits (RateLimitIT tests those).
 * It serves {@code /api/v1/ws} on its HTTP listener and on a WebSocket listener of its own ({@link #WS_PORT}).
 */
final class SingleNode implements BeforeAllCallback {

    /** 18310 unless the system property {@code presence.it.single-node-port} names another. */
    static final int PORT = Integer.getInteger("presence.it.single-node-port", 18310);
    /** The node's WebSocket listener of its own ({@code presence.ws.port}), next to {@link #PORT}. */
    static final int WS_PORT = PORT + 1;

    private static volatile PayaraNode node;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SingleNode.class, key -> start(), Handle.class);
    }

    static PayaraNode node() {
        return node;
    }

    private static Handle start() {
        try {
            node = PayaraNode.start(
                    "ws-single",
                    PORT,
                    Map.of(
                            "PRESENCE_TAB_TTL_SECONDS",
                            "3",
                            "PRESENCE_WS_GRACE_SECONDS",
                            "2",
                            "PRESENCE_SWEEP_INTERVAL_MS",
                            "500",
                            "PRESENCE_WS_SEND_QUEUE_LIMIT",
                            "256",
                            "PRESENCE_WS_SLOW_CONSUMER_MS",
                            "1000",
                            "PRESENCE_WS_PORT",
                            String.valueOf(WS_PORT),
                            "PRESENCE_RATE_LIMIT_API_REQUESTS",
                            "100000",
                            "PRESENCE_RATE_LIMIT_WS_MESSAGES_PER_SECOND",
                            "10000",
                            "PRESENCE_RATE_LIMIT_WS_BURST",
                            "10000"));
            return new Handle();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test node", e);
        }
    }

    /** Stops the node when JUnit closes the root context. */
    static final class Handle implements AutoCloseable {
        @Override
        public void close() throws Exception {
            node.close();
        }
    }
}
