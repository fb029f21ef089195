package io.presence.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Record presence over REST against the real WAR on Payara Micro (in-memory store, tab TTL 6 s as
 * configured for this module's integration tests).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PresenceRestIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("presence.war")));
    }

    @ArquillianResource
    URL base;

    private ApiClient api;
    private String tenant;
    private String alice;
    private String bob;
    private String record;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(base.toURI());
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        alice = api.token("alice", "Alice Smith", tenant);
        bob = api.token("bob", "Bob Jones", tenant);
        record = "api/v1/presence/work_order/WO-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Reply heartbeat(String token, String body) {
        return api.post(record + "/heartbeat", token, body);
    }

    private JsonArray viewersSeenBy(String token) {
        Reply reply = api.get(record + "/viewers", token);
        assertEquals(200, reply.status(), reply.toString());
        return reply.data().getJsonArray("viewers");
    }

    @Test
    void statsCountViewersTabsAndEditorsWithoutListingThem() {
        heartbeat(alice, "{\"tab_id\":\"a1\",\"mode\":\"edit\"}");
        heartbeat(alice, "{\"tab_id\":\"a2\",\"action\":\"viewing\"}");
        heartbeat(bob, "{\"tab_id\":\"b1\",\"action\":\"editing\"}");
        Reply stats = api.get(record + "/stats", bob);
        assertEquals(200, stats.status(), stats.toString());
        assertEquals(2, stats.data().getInt("viewers"));
        assertEquals(3, stats.data().getInt("tabs"));
        assertEquals(2, stats.data().getInt("editors"), "alice edits in one tab, bob said action editing");
        assertFalse(stats.data().containsKey("viewers_list"));
        assertEquals(404, api.get("api/v1/presence/no_such_type/X/stats", bob).status());
    }

    @Test
    void heartbeatWithoutTabIdNamesTheField() {
        Reply reply = heartbeat(alice, "{\"mode\":\"view\"}");
        assertEquals(422, reply.status(), reply.toString());
        assertEquals(
                "tab_id",
                reply.json().getJsonObject("error").getJsonObject("details").getString("field"));
        Reply action = heartbeat(alice, "{\"tab_id\":\"a1\",\"action\":\"dancing\"}");
        assertEquals(422, action.status(), action.toString());
        assertEquals(
                "action",
                action.json().getJsonObject("error").getJsonObject("details").getString("field"));
    }

    @Test
    void twoTabsOfOneUserAggregateIntoOneViewerForOthers() {
        Reply first = heartbeat(alice, "{\"tab_id\":\"a1\",\"mode\":\"edit\",\"dirty\":true,\"active_field\":\"qty\"}");
        assertEquals(200, first.status(), first.toString());
        assertTrue(first.json().getBoolean("success"));
        assertEquals("joined", first.data().getString("outcome"));
        heartbeat(alice, "{\"tab_id\":\"a2\",\"mode\":\"view\",\"dirty\":false}");
        assertEquals(
                "refreshed",
                heartbeat(alice, "{\"tab_id\":\"a2\",\"mode\":\"view\",\"dirty\":false}")
                        .data()
                        .getString("outcome"),
                "the same tab id is the same tab");

        JsonArray viewers = viewersSeenBy(bob);
        assertEquals(1, viewers.size());
        JsonObject viewer = viewers.getJsonObject(0);
        assertEquals("alice", viewer.getString("id"));
        assertEquals("Alice Smith", viewer.getString("user_name"));
        assertEquals(2, viewer.getInt("tabs"));
        assertTrue(viewer.getBoolean("has_dirty_tab"));
        assertEquals("edit", viewer.getString("mode"));
        assertEquals(List.of("qty"), viewer.getJsonArray("active_fields").getValuesAs(v -> v.toString()
                .replace("\"", "")));
        assertTrue(viewer.getString("last_seen_at").endsWith("Z"), "ISO 8601 UTC");
        assertEquals("bob", api.get(record + "/viewers", bob).data().getString("current_user_id"));
    }

    @Test
    void callerIsLeftOutUnlessAskedFor() {
        heartbeat(alice, "{\"tab_id\":\"a1\"}");
        assertEquals(0, viewersSeenBy(alice).size());
        Reply withSelf = api.get(record + "/viewers?include_self=true", alice);
        assertEquals(1, withSelf.data().getJsonArray("viewers").size());
        assertEquals(
                "view", withSelf.data().getJsonArray("viewers").getJsonObject(0).getString("mode"));
        assertEquals(
                1,
                api.get(record + "/viewers?include_self=TRUE", alice)
                        .data()
                        .getJsonArray("viewers")
                        .size());
        assertEquals(
                0,
                api.get(record + "/viewers?include_self=false", alice)
                        .data()
                        .getJsonArray("viewers")
                        .size());
        assertEquals(
                0,
                api.get(record + "/viewers?include_self=", alice)
                        .data()
                        .getJsonArray("viewers")
                        .size());
    }

    @Test
    void unregisterByDeleteOrBeaconPostRemovesTheTabAtOnce() {
        heartbeat(alice, "{\"tab_id\":\"a1\"}");
        heartbeat(alice, "{\"tab_id\":\"a2\"}");
        heartbeat(alice, "{\"tab_id\":\"a3\"}");
        Reply deleted = api.send("DELETE", record + "/unregister", alice, null, "{\"tab_id\":\"a1\"}");
        assertEquals(200, deleted.status(), deleted.toString());
        assertTrue(deleted.data().getBoolean("unregistered"));
        Reply byQuery = api.send("DELETE", record + "/unregister?tab_id=a3", alice, null, null);
        assertTrue(byQuery.data().getBoolean("unregistered"), byQuery.toString());
        assertEquals(1, viewersSeenBy(bob).getJsonObject(0).getInt("tabs"));

        Reply beacon = ApiClient.reply(api.exchange(
                "POST",
                record + "/unregister",
                null,
                null,
                "{\"tab_id\":\"a2\",\"access_token\":\"" + alice + "\",\"tenant\":\"" + tenant + "\"}",
                Map.of("Content-Type", "text/plain;charset=UTF-8"))); // as the client's beacon sends it
        assertEquals(200, beacon.status(), beacon.toString());
        assertTrue(beacon.data().getBoolean("unregistered"));
        assertEquals(0, viewersSeenBy(bob).size());
        assertError(heartbeat(alice, "{\"tab_id\":\"a2\"}"), 409, "tab_closed", null);
        assertEquals(0, viewersSeenBy(bob).size(), "a heartbeat sent before the page closed does not bring it back");
        assertEquals(
                "joined",
                heartbeat(alice, "{\"tab_id\":\"a1\"}").data().getString("outcome"),
                "a tab unregistered by DELETE may join again");
        api.send("DELETE", record + "/unregister", alice, null, "{\"tab_id\":\"a1\"}");
        assertFalse(
                api.send("DELETE", record + "/unregister", alice, null, "{\"tab_id\":\"a1\"}")
                        .data()
                        .getBoolean("unregistered"),
                "a tab that is gone is not unregistered twice");
    }

    @Test
    void queryFormListsEveryTabInSeed004Shape() {
        heartbeat(alice, "{\"tab_id\":\"a1\",\"mode\":\"edit\"}");
        heartbeat(bob, "{\"tab_id\":\"b1\"}");
        String id = record.substring(record.lastIndexOf('/') + 1);
        Reply reply = api.get("api/v1/presence?resource_type=work_order&resource_id=" + id, bob);
        assertEquals(200, reply.status(), reply.toString());
        JsonArray tabs = reply.body().asJsonArray(); // bare, as seed 004's clients read it
        assertEquals(2, tabs.size());
        JsonObject aliceTab = tabs.getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("user_id").equals("alice"))
                .findFirst()
                .orElseThrow();
        assertEquals("Alice Smith", aliceTab.getString("username"));
        assertEquals("work_order", aliceTab.getString("resource_type"));
        assertEquals(id, aliceTab.getString("resource_id"));
        assertEquals("editing", aliceTab.getString("action"));
        assertEquals(
                422, api.get("api/v1/presence?resource_type=work_order", bob).status());
    }

    @Test
    void shortAnswersCarryTheirLengthAndLongOnesArriveWholeInChunks() {
        String id = record.substring(record.lastIndexOf('/') + 1);
        for (int i = 0; i < 40; i++) {
            assertEquals(
                    200,
                    heartbeat(alice, "{\"tab_id\":\"tab-" + i + "-" + "x".repeat(40) + "\"}")
                            .status());
        }
        HttpResponse<String> small = api.exchange("GET", "api/v1/whoami", bob, null, null);
        assertEquals(200, small.statusCode());
        assertEquals(
                String.valueOf(small.body().getBytes(StandardCharsets.UTF_8).length),
                small.headers().firstValue("Content-Length").orElse("none"));

        HttpResponse<String> large =
                api.exchange("GET", "api/v1/presence?resource_type=work_order&resource_id=" + id, bob, null, null);
        assertEquals(200, large.statusCode());
        assertTrue(large.body().length() > 4096, "the answer is longer than the response buffer");
        assertTrue(
                large.headers().firstValue("Content-Length").isEmpty(),
                "an answer longer than the response buffer is sent in chunks, without a length");
        assertEquals(40, ApiClient.reply(large).body().asJsonArray().size());
    }

    @Test
    void tabExpiresOnItsOwnWhileAnotherTabOfTheRecordStays() throws InterruptedException {
        heartbeat(alice, "{\"tab_id\":\"stops\"}");
        heartbeat(bob, "{\"tab_id\":\"keeps\"}");
        long deadline = System.currentTimeMillis() + 15_000;
        boolean aliceGone = false;
        while (!aliceGone && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
            assertEquals(200, heartbeat(bob, "{\"tab_id\":\"keeps\"}").status());
            aliceGone = viewersSeenBy(bob).isEmpty()
                    && api.get(record + "/viewers?include_self=true", bob)
                                    .data()
                                    .getJsonArray("viewers")
                                    .size()
                            == 1;
        }
        assertTrue(aliceGone, "alice's silent tab left within TTL (6 s) while bob's heartbeating tab stayed");
    }

    @Test
    void badInputGetsAClearErrorNamingTheField() {
        assertError(heartbeat(alice, "{\"mode\":\"view\"}"), 422, "invalid_field", "tab_id");
        assertError(heartbeat(alice, "{\"tab_id\":\"a\",\"mode\":\"write\"}"), 422, "invalid_field", "mode");
        assertError(heartbeat(alice, "{\"tab_id\":\"a\",\"dirty\":\"yes\"}"), 422, "invalid_field", "dirty");
        assertError(heartbeat(alice, "{\"tab_id\":\"a b\"}"), 422, "invalid_field", "tab_id");
        assertError(heartbeat(alice, "{\"tab_id\":\"" + "x".repeat(65) + "\"}"), 422, "invalid_field", "tab_id");
        assertError(
                heartbeat(alice, "{\"tab_id\":\"a\",\"active_field\":\"" + "f".repeat(101) + "\"}"),
                422,
                "invalid_field",
                "active_field");
        assertError(heartbeat(alice, "{\"tab_id\":\"a\",\"active_field\":7}"), 422, "invalid_field", "active_field");
        assertError(heartbeat(alice, "{\"tab_id\":"), 400, "malformed_request", null);
        assertError(heartbeat(alice, "[1,2]"), 400, "malformed_request", null);
        assertError(heartbeat(alice, ""), 400, "malformed_request", null);
        assertError(heartbeat(alice, "{\"tab_id\":\"a\"} and more"), 400, "malformed_request", null);
        assertError(
                heartbeat(alice, "{\"tab_id\":\"a\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                400,
                "malformed_request",
                null);
        assertError(
                heartbeat(alice, "{\"tab_id\":\"a\",\"pad\":\"" + "p".repeat(70_000) + "\"}"),
                422,
                "invalid_field",
                "body");
        assertError(
                api.post("api/v1/presence/work_order/WO:1/heartbeat", alice, "{\"tab_id\":\"a\"}"),
                422,
                "invalid_field",
                "resource_id");
        assertError(
                api.post("api/v1/presence/work_order/%7BWO%7D/heartbeat", alice, "{\"tab_id\":\"a\"}"),
                422,
                "invalid_field",
                "resource_id");
        assertError(
                api.post("api/v1/presence/spaceship/X-1/heartbeat", alice, "{\"tab_id\":\"a\"}"),
                404,
                "unknown_resource_type",
                null);
        assertError(api.get(record + "/viewers?include_self=maybe", alice), 422, "invalid_field", "include_self");
        assertError(
                api.post("api/v1/dev/token", null, "{\"user_id\":\"" + "u".repeat(201) + "\",\"tenant\":\"acme\"}"),
                422,
                "invalid_field",
                "user_id");
    }

    @Test
    void pagesOfAnAllowedOriginMayCallFromTheBrowserAndOthersAreNotLetIn() {
        String erp = "https://erp.example.test"; // presence.cors.allowed-origins of this module's tests
        HttpResponse<String> preflight = api.exchange(
                "OPTIONS",
                record + "/heartbeat",
                null,
                null,
                null,
                Map.of(
                        "Origin", erp,
                        "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type,x-sx-tenant"));
        assertEquals(204, preflight.statusCode(), "a preflight carries no token and is answered before authentication");
        assertEquals(erp, header(preflight, "Access-Control-Allow-Origin"));
        assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("POST"));
        String allowedHeaders = header(preflight, "Access-Control-Allow-Headers");
        assertTrue(allowedHeaders.contains("Authorization") && allowedHeaders.contains("X-SX-Tenant"), allowedHeaders);

        HttpResponse<String> beat =
                api.exchange("POST", record + "/heartbeat", alice, null, "{\"tab_id\":\"a1\"}", Map.of("Origin", erp));
        assertEquals(200, beat.statusCode());
        assertEquals(erp, header(beat, "Access-Control-Allow-Origin"));
        assertTrue(beat.headers().allValues("Vary").stream().anyMatch(vary -> vary.contains("Origin")));
        HttpResponse<String> refused =
                api.exchange("GET", record + "/viewers", null, null, null, Map.of("Origin", erp));
        assertEquals(401, refused.statusCode());
        assertEquals(erp, header(refused, "Access-Control-Allow-Origin"), "the page can read why it was refused");
        HttpResponse<String> script = api.exchange("GET", "presence/api.js", null, null, null, Map.of("Origin", erp));
        assertEquals(200, script.statusCode());
        assertEquals(erp, header(script, "Access-Control-Allow-Origin"), "the client's modules load cross-origin");

        String other = "https://elsewhere.example.test";
        HttpResponse<String> otherPreflight = api.exchange(
                "OPTIONS",
                record + "/heartbeat",
                null,
                null,
                null,
                Map.of("Origin", other, "Access-Control-Request-Method", "POST"));
        assertNull(header(otherPreflight, "Access-Control-Allow-Origin"));
        HttpResponse<String> otherBeat = api.exchange(
                "POST", record + "/heartbeat", alice, null, "{\"tab_id\":\"a2\"}", Map.of("Origin", other));
        assertNull(header(otherBeat, "Access-Control-Allow-Origin"), "the browser keeps the answer from the page");
        assertNull(header(api.exchange("GET", record + "/viewers", bob, null, null), "Access-Control-Allow-Origin"));
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void everyCallNeedsAValidTokenForAGrantedTenant() {
        assertError(heartbeat(null, "{\"tab_id\":\"a\"}"), 401, "unauthenticated", null);
        assertError(api.get(record + "/viewers", "not.a.jwt"), 401, "unauthenticated", null);
        assertError(
                api.get(record + "/viewers", alice.substring(0, alice.length() - 4) + "AAAA"),
                401,
                "unauthenticated",
                null);
        assertError(api.send("GET", record + "/viewers", alice, "globex", null), 403, "tenant_not_granted", null);
        String twoTenants = api.token("carol", "Carol", tenant, "globex");
        assertError(api.get(record + "/viewers", twoTenants), 403, "tenant_required", null);
        assertEquals(
                200,
                api.send("GET", record + "/viewers", twoTenants, tenant, null).status());
        assertError(api.get("api/v1/whoami", null), 401, "unauthenticated", null);
        assertEquals("alice", api.get("api/v1/whoami", alice).data().getString("user_id"));
    }

    @Test
    void aCallerNeverOutlivesItsRequest() {
        heartbeat(alice, "{\"tab_id\":\"a1\"}");
        for (int i = 0; i < 30; i++) {
            assertEquals("alice", api.get("api/v1/whoami", alice).data().getString("user_id"));
            // an open method without a token, most likely on a pooled thread that has just served alice
            assertError(api.post(record + "/unregister", null, "{\"tab_id\":\"a1\"}"), 401, "unauthenticated", null);
        }
        assertEquals(1, viewersSeenBy(bob).size(), "alice's tab is still there");
    }

    @Test
    void tenantsShareNothingAndTabsCannotBeTakenOver() {
        String otherTenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String mallory = api.token("mallory", "Mallory", otherTenant);
        heartbeat(alice, "{\"tab_id\":\"a1\",\"mode\":\"edit\"}");
        assertEquals(0, viewersSeenBy(mallory).size(), "the same record id in another tenant is another record");
        assertFalse(api.send("DELETE", record + "/unregister", mallory, null, "{\"tab_id\":\"a1\"}")
                .data()
                .getBoolean("unregistered"));
        assertEquals(1, viewersSeenBy(bob).size());
        assertError(heartbeat(bob, "{\"tab_id\":\"a1\"}"), 409, "tab_owned_by_other_user", null);
        assertError(
                api.send("DELETE", record + "/unregister", bob, null, "{\"tab_id\":\"a1\"}"),
                409,
                "tab_owned_by_other_user",
                null);
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheEnvelope() {
        assertError(api.get("api/v1/no-such-thing", alice), 404, "not_found", null);
        assertError(api.send("PUT", record + "/heartbeat", alice, null, "{}"), 405, "method_not_allowed", null);
        Reply health = api.get("health/ready", null);
        assertEquals(200, health.status(), health.toString());
        assertEquals("UP", health.json().getString("status"));
        Reply types = api.get("api/v1/resource-types", alice);
        assertTrue(types.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> t.getString("name").equals("work_order")));
    }

    /**
     * A body in a charset other than UTF-8 (JSON's only encoding), or in one the server does not know, is
     * refused with 415 in the error envelope, on every endpoint that reads a body, even without a token.
     */
    @Test
    void bodyInAnUnknownOrNonUtf8CharsetIsRefusedWith415() {
        String[][] requests = {
            {"DELETE", record + "/unregister", alice},
            {"POST", record + "/unregister", null},
            {"POST", record + "/heartbeat", alice},
            {"POST", "api/v1/events", alice},
            {"PUT", "api/v1/conversations/C-1/participants", alice},
            {"POST", "api/v1/dev/token", null}
        };
        for (String charset : new String[] {"bogus", "iso-8859-1"}) {
            for (String[] request : requests) {
                Reply reply = ApiClient.reply(api.exchange(
                        request[0],
                        request[1],
                        request[2],
                        null,
                        "{\"tab_id\":\"a1\"}",
                        Map.of("Content-Type", "application/json; charset=" + charset)));
                assertError(reply, 415, "unsupported_charset", "Content-Type");
            }
        }
        assertEquals(
                200,
                api.send("POST", record + "/heartbeat", alice, null, "{\"tab_id\":\"a1\"}")
                        .status());
        Reply utf8 = ApiClient.reply(api.exchange(
                "DELETE",
                record + "/unregister",
                alice,
                null,
                "{\"tab_id\":\"a1\"}",
                Map.of("Content-Type", "application/json; charset=UTF-8")));
        assertEquals(200, utf8.status(), utf8.toString());
    }

    private static void assertError(Reply reply, int status, String code, String field) {
        assertEquals(status, reply.status(), reply.toString());
        assertFalse(reply.json().getBoolean("success"), reply.toString());
        assertEquals(code, reply.errorCode(), reply.toString());
        if (field != null) {
            assertEquals(
                    field,
                    reply.json().getJsonObject("error").getJsonObject("details").getString("field"));
        }
    }
}
