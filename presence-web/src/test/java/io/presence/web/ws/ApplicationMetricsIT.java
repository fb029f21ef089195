package io.presence.web.ws;

import static io.presence.web.ws.WebSocketSingleNodeIT.presence;
import static io.presence.web.ws.WebSocketSingleNodeIT.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's figures on {@code /metrics} as an operator scrapes them: a node on its own ports, some
 * traffic over REST and both WebSocket listeners, and the counters and gauges that must have moved.
 */
class ApplicationMetricsIT {

    private static final int PORT = 18410;
    private static final int WS_PORT = 18411;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static PayaraNode node;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        node = PayaraNode.start("metrics", PORT, Map.of("PRESENCE_WS_PORT", String.valueOf(WS_PORT)));
        alice = node.token("u1", "Alice");
        bob = node.token("u2", "Bob");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void restHeartbeatsAreCountedByOutcomeAndTimedByRoute() throws Exception {
        PrometheusText before = scrape();
        String heartbeat = "/api/v1/presence/work_order/WO-M1/heartbeat";
        assertTrue(node.post(heartbeat, alice, "{\"tab_id\":\"m1\"}").getBoolean("success"));
        assertTrue(node.post(heartbeat, alice, "{\"tab_id\":\"m1\"}").getBoolean("success"));
        node.post("/api/v1/presence/no_such_type/X-1/heartbeat", alice, "{\"tab_id\":\"m1\"}");

        PrometheusText after = scrape();
        Map<String, String> rest = Map.of("channel", "rest");
        assertEquals(1, moved(before, after, "presence_heartbeats_total", with(rest, "outcome", "joined")));
        assertEquals(1, moved(before, after, "presence_heartbeats_total", with(rest, "outcome", "refreshed")));
        assertEquals(1, moved(before, after, "presence_heartbeats_total", with(rest, "outcome", "refused")));
        Map<String, String> route =
                Map.of("route", "/api/v1/presence/{type}/{id}/heartbeat", "method", "POST", "status", "2xx");
        assertEquals(2, moved(before, after, "presence_http_request_seconds_count", route));
    }

    @Test
    void refusedTokenIsCountedByReason() throws Exception {
        PrometheusText before = scrape();
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/whoami"))
                        .header("Authorization", "Bearer not-a-jwt")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode());
        PrometheusText after = scrape();
        assertEquals(1, moved(before, after, "presence_authentication_failures_total", Map.of("reason", "malformed")));
        assertTrue(moved(before, after, "presence_http_request_seconds_count", Map.of("status", "4xx")) >= 1);
    }

    @Test
    void connectionsAreGaugedPerListenerAndDeliveriesCounted() throws Exception {
        PrometheusText before = scrape();
        Map<String, String> http = Map.of("listener", "http");
        Map<String, String> own = Map.of("listener", "ws");
        Map<String, String> diff = Map.of("kind", "diff");
        Map<String, String> workOrder = Map.of("entity", "work_order");
        try (WsTestClient watcher = WsTestClient.connect(PORT, bob, "acme");
                WsTestClient tab = WsTestClient.connect(WS_PORT, alice, "acme")) {
            subscribe(watcher, "WO-M2");
            tab.send(presence("WO-M2", "m2", "edit", "title"));
            assertEquals("m2", watcher.next("diff").getJsonObject("tab").getString("tab_id"));

            // Deliveries are counted on the hub's threads; the tab census is taken at most once a second.
            // The watcher's diff is certain; whether the tab's own connection also gets its join as a diff
            // or already in its snapshot depends on which comes first.
            PrometheusText during =
                    awaitScrape(now -> moved(before, now, "presence_messages_delivered_total", diff) >= 1
                            && now.value("presence_tabs", workOrder) == 1);
            assertEquals(1, moved(before, during, "presence_ws_connections", http));
            assertEquals(1, moved(before, during, "presence_ws_connections", own));
            assertEquals(1, moved(before, during, "presence_ws_connections_opened_total", own));
            assertTrue(moved(before, during, "presence_subscriptions", Map.of("kind", "record")) >= 2);
            assertEquals(1, during.value("redis_presence_active_users", workOrder));
            assertEquals(
                    1,
                    moved(
                            before,
                            during,
                            "presence_heartbeats_total",
                            Map.of("channel", "websocket", "outcome", "joined")));
        }
        // A closed connection leaves its subscriptions on the hub's threads, after the connection gauge.
        PrometheusText closed = awaitScrape(now -> moved(before, now, "presence_ws_connections", http) == 0
                && moved(before, now, "presence_ws_connections", own) == 0
                && moved(before, now, "presence_subscriptions", Map.of("kind", "record")) == 0);
        assertEquals(0, moved(before, closed, "presence_subscriptions", Map.of("kind", "record")));
    }

    private static Map<String, String> with(Map<String, String> tags, String name, String value) {
        Map<String, String> more = new HashMap<>(tags);
        more.put(name, value);
        return more;
    }

    private static double moved(PrometheusText before, PrometheusText after, String name, Map<String, String> tags) {
        return after.value(name, tags) - before.value(name, tags);
    }

    private static PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics"))
                        .header("Accept", "text/plain")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return PrometheusText.parse(answer.body());
    }

    /** Scrapes until {@code done} holds (deliveries and closes are counted off the request's thread). */
    private static PrometheusText awaitScrape(Predicate<PrometheusText> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PrometheusText text = scrape();
        while (!done.test(text)) {
            PrometheusText last = text;
            assertTrue(System.nanoTime() < deadline, () -> "the metrics did not move within " + WAIT + ":\n" + last);
            Thread.sleep(100); // between scrapes, not instead of the condition
            text = scrape();
        }
        return text;
    }
}
