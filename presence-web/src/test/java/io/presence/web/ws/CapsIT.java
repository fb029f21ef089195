package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caps on a real Payara Micro node with small values: 3 subscriptions and 2 tabs per connection, 3
 * tabs per user on a record (REST and WebSocket together), 2 connections per user. Each is exceeded and
 * answered with {@code limit_exceeded}, and what stays below it goes on working.
 */
class CapsIT {

    static final int PORT = 18430;
    static final Duration WAIT = Duration.ofSeconds(10);
    static PayaraNode node;
    static ApiClient api;

    @BeforeAll
    static void startNode() throws Exception {
        node = PayaraNode.start(
                "caps",
                PORT,
                Map.of(
                        "PRESENCE_NODE_ID", "caps",
                        "PRESENCE_LIMITS_CONNECTION_SUBSCRIPTIONS", "3",
                        "PRESENCE_LIMITS_CONNECTION_TABS", "2",
                        "PRESENCE_LIMITS_USER_TABS_PER_RECORD", "3",
                        "PRESENCE_LIMITS_USER_CONNECTIONS", "2"));
        api = new ApiClient(URI.create("http://127.0.0.1:" + PORT + "/"));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static WsTestClient connect(String user) {
        return WsTestClient.connect(PORT, api.token(user, user, "acme"), "acme");
    }

    private static String message(String type, String id, String extra) {
        return "{\"type\":\"" + type + "\",\"resource_type\":\"work_order\",\"resource_id\":\"" + id + "\"" + extra
                + "}";
    }

    private static void assertLimit(JsonObject error, String limit, int max, String ref) {
        assertEquals("limit_exceeded", error.getString("code"), error::toString);
        assertEquals(limit, error.getJsonObject("details").getString("limit"));
        assertEquals(max, error.getJsonObject("details").getInt("max"));
        assertEquals(ref, error.getString("ref"));
    }

    private static void assertStillServed(WsTestClient ws) {
        ws.send("{\"type\":\"ping\",\"ref\":\"alive\"}");
        assertEquals("alive", ws.next("pong").getString("ref"));
    }

    @Test
    void aSubscriptionBeyondTheCapIsAnErrorAndTheConnectionStays() {
        try (WsTestClient ws = connect("subscriber")) {
            for (String id : List.of("S-1", "S-2", "S-3")) {
                ws.send(message("subscribe", id, ""));
                ws.next("snapshot");
            }
            ws.send(message("subscribe", "S-4", ",\"ref\":\"fourth\""));
            assertLimit(ws.next("error"), "subscriptions", 3, "fourth");
            assertStillServed(ws);

            ws.send(message("unsubscribe", "S-1", ""));
            ws.next("unsubscribed");
            ws.send(message("subscribe", "S-4", ""));
            assertEquals("S-4", ws.next("snapshot").getString("resource_id"));
        }
    }

    @Test
    void aTabBeyondTheConnectionsCapIsAnError() {
        try (WsTestClient ws = connect("tab-holder")) {
            ws.send(message("presence", "T-1", ",\"tab_id\":\"t1\",\"mode\":\"view\""));
            ws.next("snapshot");
            ws.send(message("presence", "T-1", ",\"tab_id\":\"t2\",\"mode\":\"view\""));
            ws.await(
                    m -> m.getString("type").equals("diff")
                            && m.getJsonObject("tab").getString("tab_id").equals("t2"),
                    WAIT);
            ws.send(message("presence", "T-1", ",\"tab_id\":\"t3\",\"mode\":\"view\",\"ref\":\"third\""));
            assertLimit(ws.next("error"), "connection_tabs", 2, "third");
            assertStillServed(ws);
        }
    }

    @Test
    void aUsersTabsOnARecordAreCappedAcrossRestAndWebSocket() {
        String token = api.token("many-tabs", "Many Tabs", "acme");
        String heartbeat = "api/v1/presence/work_order/U-1/heartbeat";
        for (String tab : List.of("r1", "r2")) {
            assertEquals(
                    200,
                    api.post(heartbeat, token, "{\"tab_id\":\"" + tab + "\",\"mode\":\"view\"}")
                            .status());
        }
        try (WsTestClient ws = WsTestClient.connect(PORT, token, "acme")) {
            ws.send(message("presence", "U-1", ",\"tab_id\":\"w1\",\"mode\":\"view\""));
            ws.next("snapshot");
            ApiClient.Reply refused = api.post(heartbeat, token, "{\"tab_id\":\"r3\",\"mode\":\"view\"}");
            assertEquals(429, refused.status(), refused::toString);
            assertEquals("limit_exceeded", refused.errorCode());
            JsonObject details = refused.json().getJsonObject("error").getJsonObject("details");
            assertEquals("user_tabs", details.getString("limit"));
            assertEquals(3, details.getInt("max"));
            ws.send(message("presence", "U-1", ",\"tab_id\":\"w2\",\"mode\":\"view\",\"ref\":\"w2\""));
            assertLimit(ws.await(m -> m.getString("type").equals("error"), WAIT), "user_tabs", 3, "w2");

            assertEquals(
                    200,
                    api.post(heartbeat, token, "{\"tab_id\":\"r1\",\"mode\":\"edit\"}")
                            .status(),
                    "held tabs go on");
            assertEquals(
                    200,
                    api.post(heartbeat, api.token("other", "Other", "acme"), "{\"tab_id\":\"o1\",\"mode\":\"view\"}")
                            .status());
        }
    }

    @Test
    void aConnectionBeyondTheUsersCapIsClosedWith1008() throws InterruptedException {
        List<WsTestClient> held = new ArrayList<>();
        try {
            held.add(connect("connector"));
            held.add(connect("connector"));
            held.forEach(CapsIT::assertStillServed);
            try (WsTestClient third = connect("connector")) {
                WsTestClient.Closed closed = third.awaitClose(WAIT);
                assertEquals(1008, closed.code());
                assertTrue(closed.reason().startsWith("limit_exceeded: user_connections"), closed.reason());
            }
            String token = api.token("connector", "connector", "acme");
            try (WsTestClient seed = WsTestClient.connect(PORT, "/ws/presence?token=" + token, Map.of())) {
                assertEquals(1008, seed.awaitClose(WAIT).code(), "the seeds' sockets count too");
            }
            try (WsTestClient otherUser = connect("someone-else")) {
                assertStillServed(otherUser);
            }
            held.remove(0).closeNormally();
            assertStillServed(awaitAccepted("connector", held));
        } finally {
            held.forEach(WsTestClient::close);
        }
    }

    /** Connects until the node has taken the closed connection off the user's count; returns the accepted one. */
    private static WsTestClient awaitAccepted(String user, List<WsTestClient> held) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            WsTestClient ws = connect(user);
            held.add(ws);
            try {
                ws.send("{\"type\":\"ping\"}");
            } catch (CompletionException refused) {
                continue;
            }
            while (!ws.isClosed() && ws.waiting() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!ws.isClosed() && ws.waiting() > 0) {
                ws.next("pong");
                return ws;
            }
        }
        throw new AssertionError("no connection accepted within " + WAIT + " after one was closed");
    }
}
