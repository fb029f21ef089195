package io.presence.web.ws;

import static io.presence.web.ws.WebSocketSingleNodeIT.WAIT;
import static io.presence.web.ws.WebSocketSingleNodeIT.assertDiff;
import static io.presence.web.ws.WebSocketSingleNodeIT.assertOwnTabShown;
import static io.presence.web.ws.WebSocketSingleNodeIT.presence;
import static io.presence.web.ws.WebSocketSingleNodeIT.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the WebSocket listener of its own does: one presence model with the endpoint on the HTTP
 * listener, clear answers to anything that is not a WebSocket upgrade, and no connection left waiting
 * for a handshake that never comes.
 */
@ExtendWith(SingleNode.class)
class WebSocketOwnListenerIT {

    static PayaraNode node;
    static String alice;
    static String bob;

    @BeforeAll
    static void tokens() throws Exception {
        node = SingleNode.node();
        alice = node.token("u1", "Alice");
        bob = node.token("u2", "Bob");
    }

    @Test
    void tabOnTheOwnListenerReachesAWatcherOnTheHttpListenerAndBack() {
        try (WsTestClient watcher = WsTestClient.connect(node.port(), bob, "acme");
                WsTestClient tab = WsTestClient.connect(SingleNode.WS_PORT, alice, "acme")) {
            long seq = subscribe(watcher, "WO-L1").getJsonNumber("seq").longValue();
            tab.send(presence("WO-L1", "l1", "edit", "title"));
            assertOwnTabShown(tab, "l1");
            JsonObject join = watcher.next("diff");
            assertDiff(join, seq + 1, "join", "l1");
            assertEquals("Alice", join.getJsonObject("viewer").getString("user_name"));
            subscribe(tab, "WO-L2");
            try (WsTestClient other = WsTestClient.connect(node.port(), bob, "acme")) {
                other.send(presence("WO-L2", "l2", "view", null));
                assertEquals("l2", tab.next("diff").getJsonObject("tab").getString("tab_id"));
            }
        }
    }

    @Test
    void plainHttpRequestIsAnswered426WithAnErrorEnvelopeAndClosed() throws IOException {
        String answer = exchange("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 426 Upgrade Required"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        assertTrue(answer.toLowerCase().contains("upgrade: websocket"), answer);
        JsonObject body = body(answer);
        assertEquals(false, body.getBoolean("success"));
        assertEquals("websocket_required", body.getJsonObject("error").getString("code"));
    }

    @Test
    void upgradeToAnotherPathIsAnswered404() throws IOException {
        String answer = exchange("GET /api/v1/other?access_token=" + alice + "&tenant=acme HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        assertEquals("not_found", body(answer).getJsonObject("error").getString("code"));
    }

    @Test
    void upgradeWithoutAKeyIsRefusedByTheHandshake() throws IOException {
        String answer = exchange("GET /api/v1/ws?access_token=" + alice + "&tenant=acme HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }

    @Test
    void connectionThatNeverCompletesItsHandshakeIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SingleNode.WS_PORT)) {
            socket.getOutputStream().write("GET /api/v1/ws HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) (HandshakeFilter.HANDSHAKE_TIMEOUT.toMillis() + WAIT.toMillis()));
            long started = System.nanoTime();
            try {
                assertEquals(-1, socket.getInputStream().read(), "no answer to a request that never ends");
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still open after " + socket.getSoTimeout() + " ms", e);
            }
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(
                    waitedMs >= HandshakeFilter.HANDSHAKE_TIMEOUT.toMillis() - 1000,
                    "closed after " + waitedMs + " ms, before the handshake timeout");
        }
    }

    /** Sends one raw request to the WebSocket listener and reads until the server closes. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SingleNode.WS_PORT)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static JsonObject body(String answer) {
        String json = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
