package io.presence.web.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * What the browser tests ask of the server directly, over plain HTTP: development tokens, the viewers
 * the server holds, and whether optional endpoints (WebSocket, events) exist on this build.
 */
final class ServerApi {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A development token for the user in the tenant. */
    String token(String userId, String name, String tenant) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("user_id", userId).add("name", name).add("tenant", tenant)
                .build().toString();
        Answer answer = send("POST", "/api/v1/dev/token", null, body);
        if (answer.status() != 200) {
            throw new IllegalStateException("dev token: " + answer);
        }
        return answer.json().getJsonObject("data").getString("token");
    }

    /**
     * Calls the API with a bearer token.
     *
     * @param body JSON text, or null for none
     */
    Answer send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Whether {@code /api/v1/ws} accepts a WebSocket handshake with a valid token. A plain GET cannot
     * tell: a servlet container may answer 404 to a GET without upgrade headers even where the endpoint
     * exists, so this opens (and closes at once) a real WebSocket.
     */
    boolean webSocketAvailable(String token, String tenant) throws InterruptedException {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/ws?access_token=" + token + "&tenant=" + tenant);
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe").get(5, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | CompletionException | java.util.concurrent.TimeoutException e) {
            if (e.getCause() instanceof WebSocketHandshakeException) {
                return false;
            }
            throw new IllegalStateException("WebSocket probe failed in an unexpected way", e);
        }
    }

    /** One HTTP answer. */
    record Answer(int status, String body) {

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /** True for the 404 of a path the server does not have (not a 404 about a resource). */
        boolean unknownPath() {
            return status == 404 && !body.contains("\"resource_not_found\"") && !body.contains("\"unknown_resource_type\"");
        }
    }
}
