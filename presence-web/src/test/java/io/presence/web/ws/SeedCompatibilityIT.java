package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import io.presence.web.seed.SeedClientsNode;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What pages written for the seeds' own back ends rely on, over plain HTTP and WebSocket: the token
 * cookie of the application's session instead of a bearer header (with the {@code X-CSRF-TOKEN} guard on
 * changes and the origin check on the socket), {@code name} beside {@code user_name}, event verbs for the
 * declared actions, the bare array of the query form, and {@code user_joined}/{@code user_left} for
 * connections that ask.
 */
@ExtendWith(SeedClientsNode.class)
class SeedCompatibilityIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static ApiClient api;
    static String alice;
    static String bob;
    static String publisher;

    @BeforeAll
    static void tokens() {
        api = SeedClientsNode.api();
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        alice = api.token("101", "Alice Smith", tenant);
        bob = api.token("102", "Bob Jones", tenant);
        publisher = api.token("erp", "ERP", new String[] {tenant}, new String[] {"presence-publisher"});
    }

    private static String record() {
        return "api/v1/presence/flow/FL-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request as a same-origin page sends it: the session's cookie, and the CSRF header if given. */
    private static Reply withCookie(String method, String path, String token, String body, String csrf) {
        Map<String, String> headers = new HashMap<>(Map.of("Cookie", "laravel_session=x; presence_token=" + token));
        if (csrf != null) {
            headers.put("X-CSRF-TOKEN", csrf);
        }
        return ApiClient.reply(api.exchange(method, path, null, null, body, headers));
    }

    @Test
    void theTokenCookieAuthenticatesAndChangesMustCarryTheCsrfHeader() {
        String record = record();
        Reply forged = withCookie("POST", record + "/heartbeat", alice, "{\"tab_id\":\"a1\"}", null);
        assertEquals(403, forged.status(), forged.toString());
        assertEquals("csrf_required", forged.errorCode());
        assertEquals(
                0,
                api.get(record + "/viewers", bob).data().getJsonArray("viewers").size(),
                "nothing changed");

        Reply joined = withCookie("POST", record + "/heartbeat", alice, "{\"tab_id\":\"a1\"}", "token-from-meta");
        assertEquals(200, joined.status(), joined.toString());
        Reply viewers = withCookie("GET", record + "/viewers", bob, null, null);
        assertEquals(200, viewers.status(), "reads need no CSRF header: " + viewers);
        JsonObject viewer = viewers.data().getJsonArray("viewers").getJsonObject(0);
        assertEquals("Alice Smith", viewer.getString("name"));
        assertEquals("Alice Smith", viewer.getString("user_name"));

        assertEquals(
                403,
                withCookie("DELETE", record + "/unregister", alice, "{\"tab_id\":\"a1\"}", "")
                        .status());
        assertEquals(
                200,
                withCookie("DELETE", record + "/unregister", alice, "{\"tab_id\":\"a1\"}", "t")
                        .status());
        assertEquals(
                401,
                withCookie("GET", record + "/viewers", "not-a-jwt", null, null).status());
        assertEquals(
                200,
                api.post(record + "/heartbeat", bob, "{\"tab_id\":\"b1\"}").status(),
                "a bearer request needs no CSRF header");
    }

    @Test
    void theQueryFormAnswersABareArrayAndErrorsKeepTheEnvelope() {
        String record = record();
        api.post(record + "/heartbeat", alice, "{\"tab_id\":\"a1\",\"action\":\"editing\"}");
        String id = record.substring(record.lastIndexOf('/') + 1);
        Reply tabs = withCookie("GET", "api/v1/presence?resource_type=flow&resource_id=" + id, bob, null, null);
        JsonArray array = tabs.body().asJsonArray();
        assertEquals(1, array.size());
        assertEquals("Alice Smith", array.getJsonObject(0).getString("username"));
        assertEquals("editing", array.getJsonObject(0).getString("action"));
        Reply missing = api.get("api/v1/presence?resource_type=flow", bob);
        assertEquals(422, missing.status());
        assertEquals("invalid_field", missing.errorCode());
    }

    @Test
    void eventVerbsNameTheDeclaredActions() {
        Reply update = api.post(
                "api/v1/events",
                publisher,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"action\":\"update\"}");
        assertEquals(200, update.status(), update.toString());
        assertEquals("work_order_updated", update.data().getString("type"));
        assertEquals("updated", update.data().getString("action"));
        Reply create = api.post(
                "api/v1/events",
                publisher,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"action\":\"create\"}");
        assertEquals("created", create.data().getString("action"));
        Reply unknown = api.post(
                "api/v1/events",
                publisher,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"action\":\"explode\"}");
        assertEquals(422, unknown.status());
        assertEquals("unknown_action", unknown.errorCode());
    }

    private static WsTestClient socketWithCookie(String token, String origin) {
        return socketWithCookie(SeedClientsNode.PORT, token, origin);
    }

    private static WsTestClient socketWithCookie(int port, String token, String origin) {
        Map<String, String> headers = new HashMap<>(Map.of("Cookie", "presence_token=" + token));
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return WsTestClient.connect(port, "/api/v1/ws", headers);
    }

    @Test
    void onTheOwnWebSocketListenerTheCookieNeedsAnAllowedOrigin() {
        try (WsTestClient client = socketWithCookie(SeedClientsNode.WS_PORT, bob, SeedClientsNode.ALLOWED_ORIGIN)) {
            client.send("{\"type\":\"subscribe\",\"resource_type\":\"flow\",\"resource_id\":\"FL-own\"}");
            assertEquals("102", client.next("snapshot").getString("current_user_id"));
        }
        // the pages' origin is not the listener's own host and port: it must be listed
        try (WsTestClient client = socketWithCookie(SeedClientsNode.WS_PORT, bob, SeedClientsNode.ORIGIN)) {
            assertEquals(1008, client.awaitClose(WAIT).code());
        }
    }

    @Test
    void theCookieOpensTheSocketFromThisOriginOrAnAllowedOneOnly() {
        String id = "FL-" + UUID.randomUUID().toString().substring(0, 8);
        String subscribe = "{\"type\":\"subscribe\",\"resource_type\":\"flow\",\"resource_id\":\"" + id + "\"}";
        for (String origin : new String[] {SeedClientsNode.ORIGIN, SeedClientsNode.ALLOWED_ORIGIN, null}) {
            try (WsTestClient client = socketWithCookie(alice, origin)) {
                client.send(subscribe);
                assertEquals("101", client.next("snapshot").getString("current_user_id"), "origin " + origin);
            }
        }
        try (WsTestClient forged = socketWithCookie(alice, "http://127.0.0.1:18371")) {
            WsTestClient.Closed closed = forged.awaitClose(WAIT);
            assertEquals(1008, closed.code());
            assertTrue(closed.reason().startsWith("origin_not_allowed"), closed.reason());
        }
    }

    @Test
    void connectionsThatAskGetUserJoinedAndUserLeftOncePerUser() throws InterruptedException {
        String record = record();
        String id = record.substring(record.lastIndexOf('/') + 1);
        try (WsTestClient asking = WsTestClient.connect(SeedClientsNode.PORT, alice, (String) null);
                WsTestClient plain = WsTestClient.connect(SeedClientsNode.PORT, alice, (String) null)) {
            asking.send("{\"type\":\"subscribe\",\"resource_type\":\"flow\",\"resource_id\":\"" + id
                    + "\",\"user_events\":true}");
            asking.next("snapshot");
            plain.send("{\"type\":\"subscribe\",\"resource_type\":\"flow\",\"resource_id\":\"" + id + "\"}");
            plain.next("snapshot");

            api.post(record + "/heartbeat", bob, "{\"tab_id\":\"b1\"}");
            asking.next("diff");
            JsonObject joined = asking.next("user_joined");
            assertEquals("102", joined.getString("user_id"));
            assertEquals("Bob Jones", joined.getString("user"));
            assertEquals(id, joined.getString("resource_id"));
            assertEquals(
                    "viewing",
                    asking.next("presence_update").getJsonObject("data").getString("action"));

            api.post(record + "/heartbeat", bob, "{\"tab_id\":\"b2\",\"action\":\"editing\"}");
            asking.next("diff");
            assertEquals(
                    "editing",
                    asking.next("presence_update").getJsonObject("data").getString("action"),
                    "a second tab is no second join");

            api.send("DELETE", record + "/unregister", bob, null, "{\"tab_id\":\"b1\"}");
            asking.next("diff");
            api.send("DELETE", record + "/unregister", bob, null, "{\"tab_id\":\"b2\"}");
            asking.next("diff");
            assertEquals("102", asking.next("user_left").getString("user_id"), "the last tab left");

            plain.assertNoneFor(Duration.ofSeconds(1), m -> m.getString("type").startsWith("user_"));
            asking.send("{\"type\":\"subscribe\",\"resource_type\":\"flow\",\"user_events\":\"yes\",\"ref\":9}");
            JsonObject error = asking.next("error");
            assertEquals("user_events", error.getJsonObject("details").getString("field"));
        }
    }
}
