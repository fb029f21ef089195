package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node stopped with SIGTERM (a rolling deploy, a scale-in) tells its WebSocket clients it is going
 * away, 1001, on both listeners, so that they reconnect to another node at once instead of seeing a
 * dropped connection (1006).
 */
class ShutdownIT {

    private static final int PORT = 18364;
    private static final int WS_PORT = 18365;

    @Test
    void sigtermClosesWebSocketClientsWith1001() throws Exception {
        PayaraNode node = PayaraNode.start("ws-shutdown", PORT, Map.of("PRESENCE_WS_PORT", String.valueOf(WS_PORT)));
        try {
            String token = node.token("u1", "Alice");
            try (WsTestClient http = WsTestClient.connect(PORT, token, "acme");
                    WsTestClient own = WsTestClient.connect(WS_PORT, token, "acme")) {
                for (WsTestClient client : new WsTestClient[] {http, own}) {
                    client.send("{\"type\":\"ping\"}");
                    client.next("pong");
                }
                node.close();
                assertEquals(1001, http.awaitClose(Duration.ofSeconds(20)).code(), "HTTP listener");
                assertEquals(1001, own.awaitClose(Duration.ofSeconds(20)).code(), "WebSocket listener");
            }
        } finally {
            node.close();
        }
    }
}
