package io.presence.web.ws;

import static io.presence.web.ws.WebSocketSingleNodeIT.assertDiff;
import static io.presence.web.ws.WebSocketSingleNodeIT.presence;
import static io.presence.web.ws.WebSocketSingleNodeIT.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the WebSocket endpoint does with refused logins, bad messages, oversized and binary frames, a
 * client that stops reading, type subscriptions across tenants, pings and the development close hook,
 * on the shared {@link SingleNode}.
 */
@ExtendWith(SingleNode.class)
class WebSocketRobustnessIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static PayaraNode node;
    static String alice;
    static String bob;
    static String carol;

    @BeforeAll
    static void tokens() throws Exception {
        node = SingleNode.node();
        alice = node.token("u1", "Alice");
        bob = node.token("u2", "Bob");
        carol = node.token("u3", "Carol", "globex");
    }

    /** The port of the listener under test: the HTTP listener here, the WebSocket listener in the subclass. */
    int wsPort() {
        return node.port();
    }

    WsTestClient connect(String token) {
        return WsTestClient.connect(wsPort(), token, "acme");
    }

    @Test
    void connectionWithoutValidTokenOrGrantedTenantIsClosedWith1008() {
        for (WsTestClient refused : new WsTestClient[] {
            WsTestClient.connect(wsPort(), null, "acme"),
            WsTestClient.connect(wsPort(), "not-a-jwt", "acme"),
            WsTestClient.connect(wsPort(), carol, "acme")
        }) {
            WsTestClient.Closed closed = refused.awaitClose(WAIT);
            assertEquals(1008, closed.code(), () -> "close reason " + closed.reason());
        }
        WsTestClient.Closed wrongTenant =
                WsTestClient.connect(wsPort(), carol, "acme").awaitClose(WAIT);
        assertTrue(wrongTenant.reason().contains("tenant_not_granted"), wrongTenant.reason());
    }

    @Test
    void badMessagesGetErrorsAndOtherSubscriptionsGoOn() throws Exception {
        try (WsTestClient watcher = connect(bob)) {
            long seq = subscribe(watcher, "BAD-1").getJsonNumber("seq").longValue();
            watcher.send("{not json");
            assertEquals("malformed_message", watcher.next("error").getString("code"));
            watcher.send("[1,2]");
            assertEquals("malformed_message", watcher.next("error").getString("code"));
            watcher.send("{\"type\":\"dance\",\"ref\":7}");
            JsonObject unknown = watcher.next("error");
            assertEquals("unknown_message_type", unknown.getString("code"));
            assertEquals(7, unknown.getInt("ref"), "the error echoes the message's ref");
            watcher.send(
                    "{\"type\":\"subscribe\",\"resource_type\":\"spaceship\",\"resource_id\":\"X\",\"ref\":\"a\"}");
            JsonObject type = watcher.next("error");
            assertEquals("unknown_resource_type", type.getString("code"));
            assertEquals("a", type.getString("ref"));
            watcher.send("{\"type\":\"subscribe\"}");
            assertEquals(
                    "resource_type",
                    watcher.next("error").getJsonObject("details").getString("field"));
            watcher.send(presence("BAD-1", "t1", "juggle", null));
            assertEquals("mode", watcher.next("error").getJsonObject("details").getString("field"));
            watcher.send(presence("BAD 1", "t1", "view", null));
            assertEquals("invalid_field", watcher.next("error").getString("code"));
            watcher.send("{\"type\":\"ping\"}");
            watcher.next("pong");
            node.post("/api/v1/presence/work_order/BAD-1/heartbeat", alice, "{\"tab_id\":\"rest-tab\"}");
            assertDiff(watcher.next("diff"), seq + 1, "join", "rest-tab");
        }
    }

    @Test
    void oversizedTextFrameClosesWith1009AndBinaryFrameWith1003() {
        try (WsTestClient big = connect(bob);
                WsTestClient binary = connect(bob)) {
            big.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertEquals(1009, big.awaitClose(WAIT).code());
            binary.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, binary.awaitClose(WAIT).code());
        }
    }

    /**
     * A frame that announces more than the 64 KiB limit is refused from its header with 1009, without
     * waiting for (and buffering) its payload, however large it says it is; a message before it in the
     * same connection is still answered.
     */
    @Test
    void frameAnnouncingMegabytesIsClosedWith1009FromItsHeader() throws IOException {
        for (long length : new long[] {70 * 1024, 8L * 1024 * 1024, 1L << 40}) {
            try (UnansweringClient client = UnansweringClient.connect(wsPort(), bob, "acme")) {
                client.send("{\"type\":\"ping\",\"ref\":7}");
                client.sendFrameHeader(length);
                assertEquals(1009, client.closeCode(), "a frame of " + length + " bytes");
            }
        }
    }

    @Test
    void typeSubscriberSeesRecordsWithTabsAndTheirDiffsButNeverAnotherTenants() throws Exception {
        node.post("/api/v1/presence/work_order/LIST-1/heartbeat", alice, "{\"tab_id\":\"list-tab-1\"}");
        try (WsTestClient list = connect(bob);
                WsTestClient other = WsTestClient.connect(wsPort(), carol, "globex")) {
            list.send("{\"type\":\"subscribe\",\"resource_type\":\"work_order\",\"ref\":2}");
            JsonObject snapshot = list.next("snapshot");
            assertTrue(snapshot.isNull("resource_id"));
            assertTrue(
                    snapshot.getJsonArray("records").stream()
                            .anyMatch(r ->
                                    r.asJsonObject().getString("resource_id").equals("LIST-1")),
                    snapshot::toString);
            other.send("{\"type\":\"subscribe\",\"resource_type\":\"work_order\"}");
            assertTrue(other.next("snapshot").getJsonArray("records").isEmpty(), "globex sees no acme record");
            node.post("/api/v1/presence/work_order/LIST-2/heartbeat", alice, "{\"tab_id\":\"list-tab-2\"}");
            JsonObject join = list.await(m -> "LIST-2".equals(m.getString("resource_id", null)), WAIT);
            assertEquals("join", join.getString("kind"));
            other.assertSilentFor(Duration.ofSeconds(1));
        }
    }

    /**
     * A client that stops reading stops confirming (answering probe pings): once it is over 256
     * unconfirmed messages (the test node's limit) and has left a probe unanswered for 1 s, it is closed
     * with 4008, while a watcher that reads gets every diff in order.
     */
    @Test
    void slowConsumerIsCutOffWith4008WhileOthersKeepReceiving() throws Exception {
        int updates = 1000;
        long droppedBefore = slowConsumersDropped();
        try (WsTestClient slow = connect(bob);
                WsTestClient fast = connect(bob)) {
            long seq = subscribe(fast, "SLOW-1").getJsonNumber("seq").longValue();
            subscribe(slow, "SLOW-1");
            slow.stopReading();
            for (int i = 0; i < updates; i++) {
                heartbeat("SLOW-1", "edit", "field_" + i);
            }
            for (int i = 1; i <= updates; i++) {
                JsonObject diff = fast.next(WAIT);
                assertEquals(
                        seq + i, diff.getJsonNumber("seq").longValue(), "the reading watcher gets every diff in order");
            }
            // the cut-off is decided when a message comes for the stalled client: keep them coming
            long deadline = System.nanoTime() + WAIT.toNanos();
            int extra = 0;
            while (slowConsumersDropped() <= droppedBefore && System.nanoTime() < deadline) {
                heartbeat("SLOW-1", extra % 2 == 0 ? "view" : "edit", "late_" + extra++);
            }
            slow.resumeReading();
            WsTestClient.Closed closed = slow.awaitClose(WAIT);
            // the JDK client may report the dropped connection (1006) before the queued close frame
            assertTrue(closed.code() == 4008 || closed.code() == 1006, closed::toString);
            assertTrue(slowConsumersDropped() >= droppedBefore + 1, "the server counted the slow consumer");
            assertTrue(slow.waiting() < updates, "the stalled client was cut off early: " + slow.waiting());
            for (int i = 1; i <= extra; i++) {
                assertEquals(
                        seq + updates + i, fast.next(WAIT).getJsonNumber("seq").longValue());
            }
            heartbeat("SLOW-1", "view", "x");
            assertEquals(
                    seq + updates + extra + 1,
                    fast.next(WAIT).getJsonNumber("seq").longValue());
        }
    }

    /**
     * A client that reads keeps up through a burst larger than the send limit, even when its
     * confirmations lag behind the writes: it is not cut off.
     */
    @Test
    void readingClientIsNotCutOffByABurstAboveTheLimit() throws Exception {
        long droppedBefore = slowConsumersDropped();
        try (WsTestClient watcher = connect(bob)) {
            long seq = subscribe(watcher, "BURST-1").getJsonNumber("seq").longValue();
            int updates = 3 * 256;
            for (int i = 0; i < updates; i++) {
                heartbeat("BURST-1", i % 2 == 0 ? "edit" : "view", "f_" + i);
            }
            for (int i = 1; i <= updates; i++) {
                assertEquals(seq + i, watcher.next(WAIT).getJsonNumber("seq").longValue());
            }
            assertFalse(watcher.isClosed());
            assertEquals(droppedBefore, slowConsumersDropped());
        }
    }

    static long slowConsumersDropped() throws Exception {
        return node.get("/api/v1/dev/ws/stats", bob)
                .getJsonObject("data")
                .getJsonNumber("slow_consumers_dropped")
                .longValue();
    }

    static void heartbeat(String id, String mode, String field) throws Exception {
        node.post(
                "/api/v1/presence/work_order/" + id + "/heartbeat",
                alice,
                "{\"tab_id\":\"w1\",\"mode\":\"" + mode + "\",\"active_field\":\"" + field + "\"}");
    }

    @Test
    void resourceEventsReachRecordAndTypeSubscribersOfTheTenantOnce() throws Exception {
        String publisher = node.post(
                        "/api/v1/dev/token",
                        null,
                        "{\"user_id\":\"5\",\"name\":\"jsmith\","
                                + "\"tenant\":\"acme\",\"groups\":[\"presence-publisher\"]}")
                .getJsonObject("data")
                .getString("token");
        try (WsTestClient record = connect(bob);
                WsTestClient both = connect(bob);
                WsTestClient other = WsTestClient.connect(wsPort(), carol, "globex")) {
            subscribe(record, "EV-1");
            subscribe(both, "EV-1");
            both.send("{\"type\":\"subscribe\",\"resource_type\":\"work_order\"}");
            both.next("snapshot");
            other.send("{\"type\":\"subscribe\",\"resource_type\":\"work_order\"}");
            other.next("snapshot");
            JsonObject reply = node.post(
                    "/api/v1/events",
                    publisher,
                    "{\"resource_type\":\"work_order\","
                            + "\"resource_id\":\"EV-1\",\"action\":\"updated\",\"data\":{\"status\":\"released\"}}");
            assertTrue(reply.getBoolean("success"), reply::toString);
            for (WsTestClient client : new WsTestClient[] {record, both}) {
                JsonObject event = client.next("work_order_updated");
                assertEquals("EV-1", event.getString("id"));
                assertEquals("released", event.getJsonObject("data").getString("status"));
            }
            // a type subscriber also sees the tabs that earlier tests left expire: only the event counts
            Predicate<JsonObject> notAnotherRecordsDiff =
                    message -> !message.getString("type").equals("diff")
                            || message.getString("resource_id").equals("EV-1");
            both.assertNoneFor(Duration.ofMillis(500), notAnotherRecordsDiff);
            other.assertSilentFor(Duration.ofMillis(500)); // globex has no tabs: anything would be a leak
        }
    }

    @Test
    void hiddenConversationIsRefusedAndItsDiffsAndEventsNeverReachANonParticipant() throws Exception {
        String publisher = node.post(
                        "/api/v1/dev/token",
                        null,
                        "{\"user_id\":\"chat-app\",\"name\":\"Chat\","
                                + "\"tenant\":\"acme\",\"groups\":[\"presence-publisher\"]}")
                .getJsonObject("data")
                .getString("token");
        String dave = node.token("u4", "Dave");
        JsonObject registered =
                node.put("/api/v1/conversations/C-9/participants", publisher, "{\"participants\":[\"u1\",\"u2\"]}");
        assertTrue(registered.getBoolean("success"), registered::toString);
        try (WsTestClient participant = connect(bob);
                WsTestClient outsider = connect(dave)) {
            outsider.send(
                    "{\"type\":\"subscribe\",\"resource_type\":\"conversation\",\"resource_id\":\"C-9\",\"ref\":7}");
            JsonObject refused = outsider.next("error");
            assertEquals("resource_not_found", refused.getString("code"), refused::toString);
            assertEquals(7, refused.getInt("ref"));
            outsider.send("{\"type\":\"presence\",\"resource_type\":\"conversation\",\"resource_id\":\"C-9\","
                    + "\"tab_id\":\"d1\",\"mode\":\"view\"}");
            assertEquals("resource_not_found", outsider.next("error").getString("code"));
            outsider.send("{\"type\":\"subscribe\",\"resource_type\":\"conversation\"}");
            assertEquals(0, outsider.next("snapshot").getJsonArray("records").size());

            participant.send("{\"type\":\"subscribe\",\"resource_type\":\"conversation\",\"resource_id\":\"C-9\"}");
            participant.next("snapshot");
            node.post("/api/v1/presence/conversation/C-9/heartbeat", alice, "{\"tab_id\":\"c1\"}");
            assertEquals("join", participant.next("diff").getString("kind"));
            JsonObject event = node.post(
                    "/api/v1/events",
                    publisher,
                    "{\"resource_type\":\"conversation\","
                            + "\"resource_id\":\"C-9\",\"action\":\"message_created\",\"user_id\":\"u1\",\"user\":\"Alice\"}");
            assertTrue(event.getBoolean("success"), event::toString);
            assertEquals("C-9", participant.next("conversation_message_created").getString("id"));
            outsider.assertSilentFor(Duration.ofMillis(700));
        }
    }

    /**
     * A string that is not text (an unpaired UTF-16 surrogate escape, {@code \ud800}) is refused where it
     * comes in, naming its field, over WebSocket and REST alike; the connection and the room go on.
     */
    @Test
    void unpairedSurrogateIsRefusedNamingItsFieldAndNothingFallsSilent() throws Exception {
        String publisher = node.post(
                        "/api/v1/dev/token",
                        null,
                        "{\"user_id\":\"erp\",\"name\":\"ERP\",\"tenant\":\"acme\",\"groups\":[\"presence-publisher\"]}")
                .getJsonObject("data")
                .getString("token");
        try (WsTestClient client = connect(bob)) {
            subscribe(client, "SUR-1");
            client.send("{\"type\":\"\\ud800\",\"ref\":1}");
            JsonObject refused = client.next("error");
            assertEquals("invalid_field", refused.getString("code"), refused::toString);
            assertEquals("type", refused.getJsonObject("details").getString("field"));
            assertEquals(1, refused.getInt("ref"));
            for (String body : new String[] {"\"user\":\"\\ud800\"", "\"data\":{\"note\":\"a\\udc00\"}"}) {
                JsonObject event = node.post(
                        "/api/v1/events",
                        publisher,
                        "{\"resource_type\":\"work_order\",\"resource_id\":\"SUR-1\",\"action\":\"updated\"," + body
                                + "}");
                assertEquals("invalid_field", event.getJsonObject("error").getString("code"), event::toString);
            }
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
            node.post(
                    "/api/v1/events",
                    publisher,
                    "{\"resource_type\":\"work_order\",\"resource_id\":\"SUR-1\",\"action\":\"updated\",\"user\":\"Zoë 😀\"}");
            assertEquals("Zoë 😀", client.next("work_order_updated").getString("user"));
        }
    }

    @Test
    void pingMessageIsAnsweredWithPongThatEchoesItsRef() {
        try (WsTestClient client = connect(bob)) {
            client.send("{\"type\":\"ping\"}");
            assertFalse(client.next("pong").containsKey("ref"));
            client.send("{\"type\":\"ping\",\"ref\":\"p-1\"}");
            assertEquals("p-1", client.next("pong").getString("ref"));
            client.send("{\"type\":\"ping\",\"ref\":42}");
            assertEquals(42, client.next("pong").getInt("ref"));
        }
    }

    @Test
    void developmentHookClosesTheCallersConnectionsWith1012() throws Exception {
        try (WsTestClient mine = connect(alice);
                WsTestClient others = connect(bob)) {
            mine.send("{\"type\":\"ping\"}");
            mine.next("pong");
            JsonObject reply = node.post("/api/v1/dev/ws/close", alice, "{}");
            assertTrue(reply.getJsonObject("data").getInt("closed") >= 1, reply::toString);
            assertEquals(1012, mine.awaitClose(WAIT).code());
            others.send("{\"type\":\"ping\"}");
            others.next("pong");
        }
    }
}
