package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.testing.RedisTestServer;
import io.presence.testing.TestPorts;
import io.presence.web.ApiClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limits on two real Payara Micro nodes sharing one real Redis. REST: 20 requests per 240 s
 * per user and tenant (one permit every 12 s), counted across both nodes; the 21st gets 429 with
 * {@code Retry-After} on either node while other users go on, and once the wait is over the user is
 * admitted again. WebSocket, with the default limits (20 messages per second, 40 at once, closed after
 * 50 refusals): a flood gets {@code error rate_limited} and then close 1008, on {@code /api/v1/ws} and on
 * seed 002's {@code /ws/presence}.
 */
class RateLimitIT {

    static final int LIMIT = 20;
    static final Duration WAIT = Duration.ofSeconds(15);
    static RedisTestServer redis;
    static PayaraNode nodeA;
    static PayaraNode nodeB;
    static ApiClient apiA;
    static ApiClient apiB;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisTestServer.start();
        Map<String, String> env = new HashMap<>(Map.of(
                "PRESENCE_STORE",
                "redis",
                "PRESENCE_REDIS_URL",
                redis.url(),
                "PRESENCE_RATE_LIMIT_API_REQUESTS",
                String.valueOf(LIMIT),
                "PRESENCE_RATE_LIMIT_API_WINDOW_SECONDS",
                "240"));
        env.put("PRESENCE_NODE_ID", "limits-a");
        nodeA = PayaraNode.launch("limits-a", TestPorts.free(), env);
        env.put("PRESENCE_NODE_ID", "limits-b");
        nodeB = PayaraNode.launch("limits-b", TestPorts.free(), env);
        nodeA.awaitReady();
        nodeB.awaitReady();
        apiA = new ApiClient(URI.create("http://127.0.0.1:" + nodeA.port() + "/"));
        apiB = new ApiClient(URI.create("http://127.0.0.1:" + nodeB.port() + "/"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static HttpResponse<String> whoami(ApiClient api, String token, String tenant) {
        return api.exchange("GET", "api/v1/whoami", token, tenant, null);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void theLimitHoldsAcrossNodesAndRefusesWithRetryAfterUntilThePermitIsBack() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String otherTenant = tenant + "-b";
        // in development mode each node signs with a key of its own: one token per node, same user
        Map<ApiClient, String> alice = new HashMap<>();
        Map<ApiClient, String> bob = new HashMap<>();
        for (ApiClient api : new ApiClient[] {apiA, apiB}) {
            alice.put(api, api.token("alice", "Alice", tenant, otherTenant));
            bob.put(api, api.token("bob", "Bob", tenant));
            assertEquals(200, whoami(api, bob.get(api), null).statusCode(), "warms the node up");
        }

        for (int i = 0; i < LIMIT; i++) {
            ApiClient api = i % 2 == 0 ? apiA : apiB;
            HttpResponse<String> admitted = whoami(api, alice.get(api), tenant);
            assertEquals(200, admitted.statusCode(), admitted::body);
            assertEquals(String.valueOf(LIMIT), header(admitted, "X-RateLimit-Limit"));
            assertEquals(
                    String.valueOf(LIMIT - 1 - i),
                    header(admitted, "X-RateLimit-Remaining"),
                    "both nodes count down one allowance");
        }

        long refusedAt = System.nanoTime();
        HttpResponse<String> refused = whoami(apiA, alice.get(apiA), tenant);
        assertEquals(429, refused.statusCode(), refused::body);
        long retryAfter = Long.parseLong(header(refused, "Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 12, "one permit comes back every 12 s: " + retryAfter);
        assertEquals("0", header(refused, "X-RateLimit-Remaining"));
        JsonObject body = json(refused);
        assertFalse(body.getBoolean("success"));
        JsonObject error = body.getJsonObject("error");
        assertEquals("rate_limited", error.getString("code"));
        assertEquals(LIMIT, error.getJsonObject("details").getInt("limit"));
        assertEquals(240, error.getJsonObject("details").getInt("window_seconds"));
        assertTrue(
                error.getJsonObject("details").getJsonNumber("retry_after_ms").longValue() > 0);

        HttpResponse<String> heartbeat = apiB.exchange(
                "POST", "api/v1/presence/work_order/WO-1/heartbeat", alice.get(apiB), tenant, "{\"tab_id\":\"a1\"}");
        assertEquals(429, heartbeat.statusCode(), "the other node refuses too, on any API path");
        assertEquals("rate_limited", json(heartbeat).getJsonObject("error").getString("code"));

        for (ApiClient api : new ApiClient[] {apiA, apiB}) {
            assertEquals(200, whoami(api, bob.get(api), null).statusCode(), "another user goes on");
            assertEquals(
                    200,
                    whoami(api, alice.get(api), otherTenant).statusCode(),
                    "the same user in another tenant goes on");
        }
        assertEquals(200, apiA.exchange("GET", "health/live", null, null, null).statusCode());
        assertEquals(
                200,
                apiA.exchange("GET", "presence/presence-client.js", null, null, null)
                        .statusCode());
        apiA.token("alice", "Alice", tenant); // the development token endpoint is not counted

        HttpResponse<String> again =
                awaitAdmitted(alice, tenant, Duration.ofSeconds(retryAfter).plus(WAIT));
        assertTrue(
                System.nanoTime() - refusedAt
                        >= Duration.ofSeconds(retryAfter - 1).toNanos(),
                "admitted no sooner than Retry-After said");
        assertEquals("0", header(again, "X-RateLimit-Remaining"), "one permit came back, not the whole burst");
        assertEquals(429, whoami(apiA, alice.get(apiA), tenant).statusCode());
    }

    /** Asks in turn on both nodes until alice is admitted; refused requests cost her nothing. */
    private static HttpResponse<String> awaitAdmitted(Map<ApiClient, String> tokens, String tenant, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; ; i++) {
            ApiClient api = i % 2 == 0 ? apiA : apiB;
            HttpResponse<String> response = whoami(api, tokens.get(api), tenant);
            if (response.statusCode() == 200) {
                return response;
            }
            assertEquals(429, response.statusCode(), response::body);
            assertTrue(System.nanoTime() < deadline, "still refused after " + timeout);
            Thread.sleep(200);
        }
    }

    @Test
    void aWebSocketFloodIsRefusedMessageByMessageThenClosedWith1008() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String carol = apiA.token("carol", "Carol", tenant);
        try (WsTestClient flood = WsTestClient.connect(nodeA.port(), carol, tenant);
                WsTestClient calm = WsTestClient.connect(nodeA.port(), carol, tenant)) {
            flood("{\"type\":\"ping\",\"ref\":%d}", flood);
            JsonObject error = flood.await(m -> m.getString("type").equals("error"), WAIT);
            assertEquals("rate_limited", error.getString("code"), error::toString);
            assertTrue(error.getJsonObject("details")
                            .getJsonNumber("retry_after_ms")
                            .longValue()
                    > 0);
            assertEquals(20, error.getJsonObject("details").getInt("messages_per_second"));
            assertTrue(error.getJsonNumber("ref").intValue() >= 40, "the first 40 pass: " + error);
            WsTestClient.Closed closed = flood.awaitClose(WAIT);
            assertEquals(1008, closed.code(), closed::toString);

            calm.send("{\"type\":\"ping\"}");
            assertEquals("pong", calm.next(WAIT).getString("type"), "the limit is per connection");
        }
    }

    @Test
    void aFloodOnSeed002sSocketIsRefusedThenClosedWith1008() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String dave = apiB.token("dave", "Dave", tenant);
        try (WsTestClient flood = WsTestClient.connect(nodeB.port(), "/ws/presence?token=" + dave, Map.of())) {
            flood("{\"type\":\"HB\"}", flood);
            JsonObject error = flood.await(m -> m.getString("type").equals("ERROR"), WAIT);
            assertEquals("rate_limited", error.getString("code"), error::toString);
            assertTrue(error.getJsonNumber("retryAfterMs").longValue() > 0);
            assertEquals(1008, flood.awaitClose(WAIT).code());
        }
    }

    /** Sends 200 messages as fast as the socket takes them, until the server closes the connection. */
    private static void flood(String format, WsTestClient client) {
        for (int i = 0; i < 200 && !client.isClosed(); i++) {
            try {
                client.send(String.format(format, i));
            } catch (CompletionException closing) {
                return; // the server closed the connection while we were sending
            }
        }
    }
}
