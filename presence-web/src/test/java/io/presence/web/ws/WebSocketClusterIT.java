package io.presence.web.ws;

import static io.presence.web.ws.WebSocketSingleNodeIT.assertDiff;
import static io.presence.web.ws.WebSocketSingleNodeIT.presence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.testing.RedisTestServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real Payara Micro processes sharing one real Redis behave as one: diffs cross nodes in order,
 * tabs of either node show in REST on the other, a client that stops answering pings (every second
 * here) is closed, and the tabs of a node killed with SIGKILL leave within the TTL (3 s here) plus a
 * sweep. The kill runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketClusterIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static RedisTestServer redis;
    static PayaraNode nodeA;
    static PayaraNode nodeB;
    /** Development tokens per node: each development-mode node signs with a key of its own. */
    static Map<PayaraNode, String> alice = new HashMap<>();

    static Map<PayaraNode, String> bob = new HashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisTestServer.start();
        Map<String, String> common = Map.of(
                "PRESENCE_STORE",
                "redis",
                "PRESENCE_REDIS_URL",
                redis.url(),
                "PRESENCE_TAB_TTL_SECONDS",
                "3",
                "PRESENCE_SWEEP_INTERVAL_MS",
                "500",
                "PRESENCE_WS_GRACE_SECONDS",
                "2",
                "PRESENCE_WS_PING_SECONDS",
                "1");
        nodeA = PayaraNode.launch("ws-node-a", 18321, with(common, "PRESENCE_NODE_ID", "node-a"));
        nodeB = PayaraNode.launch("ws-node-b", 18322, with(common, "PRESENCE_NODE_ID", "node-b"));
        nodeA.awaitReady();
        nodeB.awaitReady();
        for (PayaraNode node : new PayaraNode[] {nodeA, nodeB}) {
            alice.put(node, node.token("u1", "Alice"));
            bob.put(node, node.token("u2", "Bob"));
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put(key, value);
        return env;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void watcherOnOneNodeGetsJoinUpdatesAndLeaveFromTheOtherInOrder() {
        try (WsTestClient watcher = WsTestClient.connect(nodeB.port(), bob.get(nodeB), "acme");
                WsTestClient tab = WsTestClient.connect(nodeA.port(), alice.get(nodeA), "acme")) {
            long seq = WebSocketSingleNodeIT.subscribe(watcher, "CL-1")
                    .getJsonNumber("seq")
                    .longValue();
            tab.send(presence("CL-1", "t1", "view", null));
            for (int i = 1; i <= 20; i++) {
                tab.send(presence("CL-1", "t1", "edit", "field_" + i));
            }
            tab.send(
                    "{\"type\":\"leave\",\"resource_type\":\"work_order\",\"resource_id\":\"CL-1\",\"tab_id\":\"t1\"}");
            assertDiff(watcher.next(WAIT), seq + 1, "join", "t1");
            for (int i = 1; i <= 20; i++) {
                JsonObject update = watcher.next(WAIT);
                assertDiff(update, seq + 1 + i, "update", "t1");
                assertEquals("field_" + i, update.getJsonObject("tab").getString("active_field"));
            }
            assertDiff(watcher.next(WAIT), seq + 22, "leave", "t1");
        }
    }

    @Test
    @Order(2)
    void tabsOfEitherNodeShowInRestAndWebSocketOnTheOther() throws Exception {
        try (WsTestClient watcher = WsTestClient.connect(nodeA.port(), bob.get(nodeA), "acme");
                WsTestClient tab = WsTestClient.connect(nodeB.port(), alice.get(nodeB), "acme")) {
            long seq = WebSocketSingleNodeIT.subscribe(watcher, "CL-2")
                    .getJsonNumber("seq")
                    .longValue();
            nodeB.post("/api/v1/presence/work_order/CL-2/heartbeat", alice.get(nodeB), "{\"tab_id\":\"rest-tab\"}");
            assertDiff(watcher.next(WAIT), seq + 1, "join", "rest-tab");
            tab.send(presence("CL-2", "ws-tab", "edit", null));
            assertDiff(watcher.next(WAIT), seq + 2, "join", "ws-tab");
            JsonObject viewers = nodeA.get("/api/v1/presence/work_order/CL-2/viewers", bob.get(nodeA))
                    .getJsonObject("data");
            assertEquals(2, viewers.getJsonArray("viewers").getJsonObject(0).getInt("tabs"));
        }
    }

    /** Pings every second here: a client that stops reading stops answering and is cut off. */
    @Test
    @Order(3)
    void connectionThatStopsAnsweringPingsIsClosedAndItsTabLeaves() throws Exception {
        try (WsTestClient watcher = WsTestClient.connect(nodeA.port(), bob.get(nodeA), "acme");
                UnansweringClient silent = UnansweringClient.connect(nodeA.port(), alice.get(nodeA), "acme")) {
            long seq = WebSocketSingleNodeIT.subscribe(watcher, "CL-4")
                    .getJsonNumber("seq")
                    .longValue();
            silent.send(presence("CL-4", "quiet", "view", null));
            assertDiff(watcher.next(WAIT), seq + 1, "join", "quiet");
            // ping every 1 s, closed when a round finds no answer, then the 2 s grace
            JsonObject leave = watcher.next(Duration.ofSeconds(15));
            assertDiff(leave, seq + 2, "leave", "quiet");
            assertEquals("closed", leave.getString("reason"));
            watcher.assertSilentFor(Duration.ofSeconds(3));
            assertTrue(!watcher.isClosed(), "a client that answers pings stays connected");
        }
    }

    @Test
    @Order(4)
    void tabsOfAKilledNodeLeaveWithinTheTtlPlusASweepAndTheirLocksGoWithThem() throws Exception {
        try (WsTestClient watcher = WsTestClient.connect(nodeA.port(), bob.get(nodeA), "acme")) {
            WsTestClient tab = WsTestClient.connect(nodeB.port(), alice.get(nodeB), "acme");
            long seq = WebSocketSingleNodeIT.subscribe(watcher, "CL-3")
                    .getJsonNumber("seq")
                    .longValue();
            tab.send(presence("CL-3", "doomed", "edit", null));
            assertDiff(watcher.next(WAIT), seq + 1, "join", "doomed");
            tab.send(lock("CL-3", "doomed", "notes"));
            assertTrue(
                    tab.await(m -> m.getString("type").equals("lock_ack"), WAIT).getBoolean("success"));
            JsonObject locked = watcher.next(WAIT);
            assertEquals("locked", locked.getString("type"));
            assertEquals(seq + 2, locked.getJsonNumber("seq").longValue());
            watcher.assertSilentFor(Duration.ofSeconds(4));
            long killedAt = System.nanoTime();
            nodeB.kill();
            JsonObject leave = watcher.next(Duration.ofSeconds(15));
            assertDiff(leave, seq + 3, "leave", "doomed");
            assertEquals("expired", leave.getString("reason"));
            long seconds = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
            assertTrue(seconds <= 3 + 1 + 2, "left within TTL + sweep (+ 2 s slack): " + seconds + " s");
            JsonObject unlocked = watcher.next(WAIT);
            assertEquals("unlocked", unlocked.getString("type"));
            assertEquals(seq + 4, unlocked.getJsonNumber("seq").longValue());
            assertEquals("expired", unlocked.getString("reason"));

            watcher.send(presence("CL-3", "survivor", "edit", null));
            watcher.send(lock("CL-3", "survivor", "notes"));
            assertTrue(
                    watcher.await(m -> m.getString("type").equals("lock_ack"), WAIT)
                            .getBoolean("success"),
                    "the dead node's lock is free");
            tab.close();
        }
    }

    private static String lock(String id, String tab, String field) {
        return "{\"type\":\"lock\",\"resource_type\":\"work_order\",\"resource_id\":\"" + id + "\",\"tab_id\":\"" + tab
                + "\",\"field\":\"" + field + "\"}";
    }
}
