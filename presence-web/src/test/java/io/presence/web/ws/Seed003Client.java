package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seed 003's iOS client as a test speaks it: the requests byte for byte as the seed writes them, and
 * answers read the way a Swift {@code Codable} with {@code Int} ids and {@code .iso8601} dates reads
 * them, so that a shape the app could not decode fails the test.
 */
final class Seed003Client {

    /** The seed's body of {@code POST /api/presence/status}, as its document shows it. */
    static String statusBody(String status) {
        return "{\n    \"status\": \"" + status + "\"\n}";
    }

    /** The seed's body of {@code POST /api/conversations/{id}/typing}. */
    static String typingBody(boolean typing) {
        return "{\n    \"is_typing\": " + typing + "\n}";
    }

    /** What Swift's {@code .iso8601} date decoding accepts: no fractions, a Z. */
    private static final Pattern ISO8601 = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    /** HTTP/1.1, as URLSession speaks to a plain-HTTP server. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;
    private final String token;

    Seed003Client(int port, String token) {
        this.port = port;
        this.token = token;
    }

    HttpResponse<String> updateStatus(String status) {
        return exchange("POST", "/api/presence/status", statusBody(status));
    }

    HttpResponse<String> users(String userIds) {
        return exchange("GET", "/api/presence/users" + (userIds == null ? "" : "?user_ids=" + userIds), null);
    }

    HttpResponse<String> user(String userId) {
        return exchange("GET", "/api/presence/users/" + userId, null);
    }

    HttpResponse<String> typing(String conversationId, boolean typing) {
        return exchange("POST", "/api/conversations/" + conversationId + "/typing", typingBody(typing));
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The WebSocket, authenticated by the {@code Authorization} header as URLSessionWebSocketTask does. */
    WsTestClient subscribeWithHeader() {
        return WsTestClient.connect(port, "/api/presence/subscribe", Map.of("Authorization", "Bearer " + token));
    }

    /** The WebSocket, authenticated by the {@code token} query parameter. */
    WsTestClient subscribeWithQuery() {
        return WsTestClient.connect(port, "/api/presence/subscribe?token=" + token, Map.of());
    }

    static JsonObject json(HttpResponse<String> response) {
        return ApiClient.reply(response).json();
    }

    /** The status update's answer: exactly {@code user_id} (Int), {@code status}, {@code last_seen}. */
    static Instant assertStatus(JsonObject body, long userId, String status) {
        assertEquals(Set.of("user_id", "status", "last_seen"), body.keySet(), body.toString());
        return assertUser(body, userId, status);
    }

    /** A {@code UserPresence}: {@code user_id}, {@code status}, {@code last_seen}, {@code is_typing}. */
    static Instant assertPresence(JsonObject body, long userId, String status, boolean typing) {
        assertEquals(Set.of("user_id", "status", "last_seen", "is_typing"), body.keySet(), body.toString());
        assertEquals(typing, body.getBoolean("is_typing"), body.toString());
        return assertUser(body, userId, status);
    }

    private static Instant assertUser(JsonObject body, long userId, String status) {
        assertTrue(body.get("user_id") instanceof JsonNumber number && number.isIntegral(), "user_id is an Int");
        assertEquals(userId, body.getJsonNumber("user_id").longValue(), body.toString());
        assertEquals(status, body.getString("status"), body.toString());
        String lastSeen = body.getString("last_seen");
        assertTrue(ISO8601.matcher(lastSeen).matches(), "last_seen as .iso8601 decodes it: " + lastSeen);
        return Instant.parse(lastSeen);
    }

    /** A WebSocket message: exactly {@code type} and {@code data}. */
    static JsonObject data(JsonObject message, String type) {
        assertEquals(Set.of("type", "data"), message.keySet(), message.toString());
        assertEquals(type, message.getString("type"), message.toString());
        return message.getJsonObject("data");
    }

    /** The presences of an {@code initial_state}, each exactly {@code user_id}, {@code status}, {@code last_seen}. */
    static List<JsonObject> initialState(JsonObject message) {
        JsonObject data = data(message, "initial_state");
        assertEquals(Set.of("presences"), data.keySet());
        List<JsonObject> presences = data.getJsonArray("presences").getValuesAs(JsonValue::asJsonObject);
        for (JsonObject presence : presences) {
            assertEquals(Set.of("user_id", "status", "last_seen"), presence.keySet(), presence.toString());
            assertUser(presence, presence.getJsonNumber("user_id").longValue(), presence.getString("status"));
        }
        return presences;
    }

    static Duration retryAfter(HttpResponse<String> response) {
        return Duration.ofSeconds(
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()));
    }
}
