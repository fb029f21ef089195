package io.presence.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * A walk through the API as applications make it (a page on a record, a publisher, the iOS app), in
 * tenant {@code acme}, each answer handed to a check against the document: successes, and the usual
 * refusals (bad input, a stale lock token, an unknown user, no token, a status report too soon, a
 * heartbeat after the page closed).
 */
final class RealCalls {

    /** Checks one answer of the named operation ({@code "METHOD /path-template"}) and returns it parsed. */
    interface Check {
        Reply conforms(String operation, HttpResponse<String> response);
    }

    private static final String PRESENCE = "/api/v1/presence/{type}/{id}";
    private static final String RECORD = "/api/v1/records/{type}/{id}";
    private static final String LOCK = RECORD + "/locks/{field}";

    private final ApiClient api;
    private final Check check;
    private final String record = "WO-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tab = UUID.randomUUID().toString();
    private final String tabBody = "{\"tab_id\":\"" + tab + "\"}";

    RealCalls(ApiClient api, Check check) {
        this.api = api;
        this.check = check;
    }

    /** Makes every call; returns the {@code data} of the viewers answer, which counts the caller. */
    JsonObject run() {
        String alice = api.token("openapi-alice", "Alice", "acme");
        String publisher =
                api.token("openapi-publisher", "Publisher", new String[] {"acme"}, new String[] {"presence-publisher"});
        JsonObject viewers = presence(alice);
        records(alice, publisher);
        conversations(alice, publisher);
        users(alice);
        expect(200, "GET /api/v1/resource-types", "api/v1/resource-types", alice, null);
        expect(200, "GET /api/v1/whoami", "api/v1/whoami", alice, null);
        expect(200, "GET /api/v1/dev/ws/stats", "api/v1/dev/ws/stats", alice, null);
        expect(200, "POST /api/v1/dev/ws/close", "api/v1/dev/ws/close", alice, null);
        expect(200, "POST /api/v1/dev/token", "api/v1/dev/token", null, "{\"user_id\":\"u9\",\"tenant\":\"acme\"}");
        return viewers;
    }

    private JsonObject presence(String alice) {
        String path = "api/v1/presence/work_order/" + record;
        String heartbeat =
                "{\"tab_id\":\"" + tab + "\",\"mode\":\"edit\",\"dirty\":true,\"active_field\":\"description\"}";
        expect(200, "POST " + PRESENCE + "/heartbeat", path + "/heartbeat", alice, heartbeat);
        JsonObject viewers = expect(
                        200, "GET " + PRESENCE + "/viewers", path + "/viewers?include_self=true", alice, null)
                .data();
        expect(422, "GET " + PRESENCE + "/viewers", path + "/viewers?include_self=maybe", alice, null);
        expect(401, "GET " + PRESENCE + "/viewers", path + "/viewers", null, null);
        expect(200, "GET " + PRESENCE + "/stats", path + "/stats", alice, null);
        expect(
                200,
                "GET /api/v1/presence",
                "api/v1/presence?resource_type=work_order&resource_id=" + record,
                alice,
                null);
        expect(200, "DELETE " + PRESENCE + "/unregister", path + "/unregister", alice, tabBody);
        String beacon = tabBody.replace("}", ",\"access_token\":\"" + alice + "\"}");
        expect(200, "POST " + PRESENCE + "/unregister", path + "/unregister", null, beacon);
        expect(409, "POST " + PRESENCE + "/heartbeat", path + "/heartbeat", alice, heartbeat);
        return viewers;
    }

    private void records(String alice, String publisher) {
        String path = "api/v1/records/work_order/" + record;
        String present = "{\"tab_id\":\"lock-tab\"}";
        expect(
                200,
                "POST " + PRESENCE + "/heartbeat",
                "api/v1/presence/work_order/" + record + "/heartbeat",
                alice,
                present);
        expect(200, "GET " + RECORD, path, alice, null);
        long token = expect(200, "POST " + LOCK, path + "/locks/description", alice, present)
                .data()
                .getJsonObject("lock")
                .getJsonNumber("token")
                .longValue();
        expect(200, "POST " + LOCK + "/verify", path + "/locks/description/verify", alice, "{\"token\":" + token + "}");
        expect(
                409,
                "POST " + LOCK + "/verify",
                path + "/locks/description/verify",
                alice,
                "{\"token\":" + (token + 1) + "}");
        expect(200, "DELETE " + LOCK, path + "/locks/description", alice, null);
        expect(200, "POST " + RECORD + "/version", path + "/version", alice, "{\"lock_version\":0}");
        expect(409, "POST " + RECORD + "/version", path + "/version", alice, "{\"lock_version\":0}");
        String event = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"phase\":\"MUTATING\",\"busy_by\":\"import\"}";
        expect(200, "POST " + RECORD + "/lifecycle", path + "/lifecycle", publisher, event);
        expect(403, "POST " + RECORD + "/lifecycle", path + "/lifecycle", alice, event);
        String changed = "{\"resource_type\":\"work_order\",\"resource_id\":\"" + record + "\",\"action\":\"update\","
                + "\"user_id\":5,\"data\":{\"status\":\"released\"}}";
        expect(200, "POST /api/v1/events", "api/v1/events", publisher, changed);
    }

    private void conversations(String alice, String publisher) {
        String conversation = "c-" + record;
        expect(
                200,
                "PUT /api/v1/conversations/{id}/participants",
                "api/v1/conversations/" + conversation + "/participants",
                publisher,
                "{\"participants\":[\"openapi-alice\"]}");
        expect(
                200,
                "POST /api/v1/conversations/{id}/typing",
                "api/v1/conversations/" + conversation + "/typing",
                alice,
                "{\"is_typing\":true}");
        expect(
                200,
                "POST /api/conversations/{conversation_id}/typing",
                "api/conversations/" + conversation + "/typing",
                alice,
                "{\"is_typing\":false}");
        expect(
                404,
                "POST /api/conversations/{conversation_id}/typing",
                "api/conversations/c-unknown/typing",
                alice,
                "{\"is_typing\":true}");
    }

    private void users(String alice) {
        expect(
                200,
                "POST /api/v1/users/me/status",
                "api/v1/users/me/status",
                alice,
                "{\"status\":\"online\",\"device_id\":\"laptop\"}");
        expect(429, "POST /api/presence/status", "api/presence/status", alice, "{\"status\":\"away\"}");
        expect(422, "POST /api/v1/users/me/status", "api/v1/users/me/status", alice, "{\"status\":\"asleep\"}");
        expect(200, "GET /api/v1/users", "api/v1/users?user_ids=openapi-alice,nobody", alice, null);
        expect(200, "GET /api/v1/users/{user_id}", "api/v1/users/openapi-alice", alice, null);
        expect(404, "GET /api/v1/users/{user_id}", "api/v1/users/nobody", alice, null);
        expect(200, "GET /api/presence/users", "api/presence/users", alice, null);
        expect(200, "GET /api/presence/users/{user_id}", "api/presence/users/openapi-alice", alice, null);
        expect(404, "GET /api/presence/users/{user_id}", "api/presence/users/nobody", alice, null);
        expect(401, "GET /api/presence/users", "api/presence/users", null, null);
    }

    /** Calls {@code path} with the method of {@code operation} ({@code "METHOD /template"}). */
    private Reply expect(int status, String operation, String path, String token, String body) {
        String method = operation.substring(0, operation.indexOf(' '));
        HttpResponse<String> response = api.exchange(method, path, token, null, body);
        assertEquals(status, response.statusCode(), operation + ": " + response.body());
        return check.conforms(operation, response);
    }
}
