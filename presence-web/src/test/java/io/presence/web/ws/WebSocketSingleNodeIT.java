package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WebSocket protocol on one real Payara Micro node with the in-memory store: subscriptions, diffs,
 * WebSocket tabs and their interplay with REST tabs, on the shared {@link SingleNode}.
 */
@ExtendWith(SingleNode.class)
class WebSocketSingleNodeIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static PayaraNode node;
    static String alice;
    static String bob;

    @BeforeAll
    static void tokens() throws Exception {
        node = SingleNode.node();
        alice = node.token("u1", "Alice");
        bob = node.token("u2", "Bob");
    }

    /** The port of the listener under test: the HTTP listener here, the WebSocket listener in the subclass. */
    int wsPort() {
        return node.port();
    }

    WsTestClient connect(String token) {
        return WsTestClient.connect(wsPort(), token, "acme");
    }

    static String presence(String id, String tab, String mode, String field) {
        return "{\"type\":\"presence\",\"resource_type\":\"work_order\",\"resource_id\":\"" + id + "\",\"tab_id\":\""
                + tab + "\",\"mode\":\"" + mode + "\"" + (field == null ? "" : ",\"active_field\":\"" + field + "\"")
                + "}";
    }

    static JsonObject subscribe(WsTestClient client, String id) {
        client.send(
                "{\"type\":\"subscribe\",\"resource_type\":\"work_order\",\"resource_id\":\"" + id + "\",\"ref\":1}");
        JsonObject snapshot = client.next("snapshot");
        assertEquals(id, snapshot.getString("resource_id"));
        assertEquals(1, snapshot.getInt("ref"));
        return snapshot;
    }

    static void assertDiff(JsonObject diff, long seq, String kind, String tabId) {
        assertEquals("diff", diff.getString("type"), () -> "not a diff: " + diff);
        assertEquals(seq, diff.getJsonNumber("seq").longValue(), () -> "sequence of " + diff);
        assertEquals(kind, diff.getString("kind"), () -> "kind of " + diff);
        assertEquals(tabId, diff.getJsonObject("tab").getString("tab_id"));
    }

    /**
     * After {@code presence}, the tab's own connection gets a snapshot that either contains the tab or
     * is followed by the tab's join with the next sequence number (the snapshot is consistent at its seq).
     */
    static void assertOwnTabShown(WsTestClient tab, String tabId) {
        JsonObject snapshot = tab.next("snapshot");
        boolean inSnapshot = snapshot.getJsonArray("tabs").stream()
                .anyMatch(t -> t.asJsonObject().getString("tab_id").equals(tabId));
        if (!inSnapshot) {
            assertDiff(tab.next("diff"), snapshot.getJsonNumber("seq").longValue() + 1, "join", tabId);
        }
    }

    @Test
    void subscriberGetsSnapshotThenJoinUpdateAndLeaveInSequence() {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            long seq = subscribe(watcher, "WO-1").getJsonNumber("seq").longValue();
            tab.send(presence("WO-1", "t1", "view", null));
            assertOwnTabShown(tab, "t1");
            JsonObject join = watcher.next("diff");
            assertDiff(join, seq + 1, "join", "t1");
            assertEquals("u1", join.getJsonObject("viewer").getString("id"));
            tab.send(presence("WO-1", "t1", "edit", "description"));
            JsonObject update = watcher.next("diff");
            assertDiff(update, seq + 2, "update", "t1");
            assertEquals("edit", update.getJsonObject("viewer").getString("mode"));
            assertEquals(
                    "description",
                    update.getJsonObject("viewer").getJsonArray("active_fields").getString(0));
            tab.send(
                    "{\"type\":\"leave\",\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"tab_id\":\"t1\"}");
            JsonObject leave = watcher.next("diff");
            assertDiff(leave, seq + 3, "leave", "t1");
            assertEquals("unregister", leave.getString("reason"));
            assertTrue(leave.isNull("viewer"), "no viewer once the last tab left");
        }
    }

    @Test
    void statsCountTheRecordAndSnapshotsCarryTheCounts() {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            tab.send(presence("WO-STATS", "t1", "edit", "qty"));
            assertOwnTabShown(tab, "t1");
            watcher.send("{\"type\":\"stats\",\"resource_type\":\"work_order\",\"resource_id\":\"WO-STATS\","
                    + "\"ref\":\"s1\"}");
            JsonObject stats = watcher.next("stats");
            assertEquals("s1", stats.getString("ref"));
            JsonObject counts = stats.getJsonObject("counts");
            assertEquals(1, counts.getInt("viewers"));
            assertEquals(1, counts.getInt("tabs"));
            assertEquals(1, counts.getInt("editors"));
            JsonObject snapshot = subscribe(watcher, "WO-STATS");
            assertEquals(1, snapshot.getJsonObject("counts").getInt("tabs"));
            assertFalse(snapshot.getBoolean("truncated"));
            assertEquals("u2", snapshot.getString("current_user_id"));
        }
    }

    @Test
    void aBurstOfDiffsArrivesWholeAndInOrder() {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            String record = "WO-BURST-" + wsPort();
            long seq = subscribe(watcher, record).getJsonNumber("seq").longValue();
            int changes = 300;
            for (int i = 0; i < changes; i++) {
                tab.send(presence(record, "t1", "edit", "f" + i));
            }
            for (int i = 0; i < changes; i++) {
                JsonObject diff = watcher.next("diff");
                assertEquals(seq + 1 + i, diff.getJsonNumber("seq").longValue(), () -> "in order: " + diff);
                assertEquals(i == 0 ? "join" : "update", diff.getString("kind"), diff::toString);
                assertEquals("f" + i, diff.getJsonObject("tab").getString("active_field"), diff::toString);
            }
        }
    }

    @Test
    void updateIsNotReportedAsLeaveAndJoin() throws Exception {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            long seq = subscribe(watcher, "WO-2").getJsonNumber("seq").longValue();
            tab.send(presence("WO-2", "t2", "view", null));
            assertDiff(watcher.next("diff"), seq + 1, "join", "t2");
            tab.send(presence("WO-2", "t2", "edit", "qty"));
            tab.send(presence("WO-2", "t2", "edit", "qty"));
            assertDiff(watcher.next("diff"), seq + 2, "update", "t2");
            watcher.assertSilentFor(Duration.ofSeconds(1));
        }
    }

    @Test
    void restHeartbeatProducesDiffsAndWebSocketTabAppearsInRestViewers() throws Exception {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            long seq = subscribe(watcher, "WO-3").getJsonNumber("seq").longValue();
            // A tab id of this run only: the page-close unregister below keeps its tab closed for a minute,
            // and the same test runs again on the WebSocket listener of its own against the same node.
            String restTab = "rest-" + UUID.randomUUID();
            node.post(
                    "/api/v1/presence/work_order/WO-3/heartbeat",
                    alice,
                    "{\"tab_id\":\"" + restTab + "\",\"mode\":\"view\"}");
            assertDiff(watcher.next("diff"), seq + 1, "join", restTab);
            tab.send(presence("WO-3", "ws-tab", "edit", null));
            JsonObject join = watcher.next("diff");
            assertDiff(join, seq + 2, "join", "ws-tab");
            assertEquals(2, join.getJsonObject("viewer").getInt("tabs"), "Alice's viewer counts both tabs");
            JsonObject viewers =
                    node.get("/api/v1/presence/work_order/WO-3/viewers", bob).getJsonObject("data");
            assertEquals(2, viewers.getJsonArray("viewers").getJsonObject(0).getInt("tabs"));
            node.post("/api/v1/presence/work_order/WO-3/unregister", alice, "{\"tab_id\":\"" + restTab + "\"}");
            JsonObject leave = watcher.next("diff");
            assertDiff(leave, seq + 3, "leave", restTab);
            assertEquals(1, leave.getJsonObject("viewer").getInt("tabs"), "Alice still has her WebSocket tab");
        }
    }

    @Test
    void expiredRestTabLeavesWhileWebSocketTabIsKeptAlive() throws Exception {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            long seq = subscribe(watcher, "WO-4").getJsonNumber("seq").longValue();
            tab.send(presence("WO-4", "ws-tab", "view", null));
            assertDiff(watcher.next("diff"), seq + 1, "join", "ws-tab");
            node.post("/api/v1/presence/work_order/WO-4/heartbeat", alice, "{\"tab_id\":\"rest-tab\"}");
            assertDiff(watcher.next("diff"), seq + 2, "join", "rest-tab");
            JsonObject leave = watcher.next(Duration.ofSeconds(3 + 5));
            assertDiff(leave, seq + 3, "leave", "rest-tab");
            assertEquals("expired", leave.getString("reason"));
            watcher.assertSilentFor(Duration.ofSeconds(4));
            JsonObject viewers =
                    node.get("/api/v1/presence/work_order/WO-4/viewers", bob).getJsonObject("data");
            assertEquals(1, viewers.getJsonArray("viewers").size(), "the WebSocket tab outlived two TTLs");
        }
    }

    @Test
    void normalCloseLeavesAtOnce() {
        try (WsTestClient watcher = connect(bob);
                WsTestClient tab = connect(alice)) {
            long seq = subscribe(watcher, "WO-5").getJsonNumber("seq").longValue();
            tab.send(presence("WO-5", "t5", "view", null));
            assertDiff(watcher.next("diff"), seq + 1, "join", "t5");
            long closedAt = System.nanoTime();
            tab.closeNormally();
            JsonObject leave = watcher.next(WAIT);
            assertDiff(leave, seq + 2, "leave", "t5");
            assertEquals("closed", leave.getString("reason"));
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - closedAt).toMillis() < 1_500, "left before the grace ended");
        }
    }

    @Test
    void reconnectWithinGraceDoesNotFlapAndAFinalDropLeavesOnce() throws Exception {
        try (WsTestClient watcher = connect(bob)) {
            long seq = subscribe(watcher, "WO-6").getJsonNumber("seq").longValue();
            WsTestClient first = connect(alice);
            first.send(presence("WO-6", "t6", "edit", null));
            assertDiff(watcher.next("diff"), seq + 1, "join", "t6");
            first.abort();
            Thread.sleep(500);
            try (WsTestClient second = connect(alice)) {
                second.send(presence("WO-6", "t6", "edit", null));
                second.next("snapshot");
                watcher.assertSilentFor(Duration.ofSeconds(4));
                second.abort();
                JsonObject leave = watcher.next(WAIT);
                assertDiff(leave, seq + 2, "leave", "t6");
                assertEquals("closed", leave.getString("reason"));
                watcher.assertSilentFor(Duration.ofSeconds(3));
            }
        }
    }
}
