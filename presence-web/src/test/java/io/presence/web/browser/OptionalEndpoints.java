package io.presence.web.browser;

import io.presence.web.ApiClient;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells whether this build of the server has the endpoints that other pieces of work add (the
 * WebSocket, {@code POST /api/v1/events}, the dev close hook), so that tests needing them are skipped
 * with a reason instead of failing, or passing without having run.
 */
final class OptionalEndpoints {

    private static final Set<String> RESOURCE_ERRORS = Set.of("resource_not_found", "unknown_resource_type");

    private OptionalEndpoints() {
    }

    /**
     * Whether {@code /api/v1/ws} accepts a WebSocket handshake with a valid token. A plain GET cannot
     * tell: a servlet container may answer 404 to a GET without upgrade headers even where the endpoint
     * exists, so this opens (and at once closes) a real WebSocket.
     */
    static boolean webSocketAvailable(String baseUrl, String token, String tenant) throws InterruptedException {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/ws?access_token=" + token + "&tenant=" + tenant);
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe").get(5, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            if (e.getCause() instanceof WebSocketHandshakeException) {
                return false;
            }
            throw new IllegalStateException("WebSocket probe failed in an unexpected way", e);
        }
    }

    /** True for the 404 of a path the server does not have, not for a 404 about a record or type. */
    static boolean unknownPath(ApiClient.Reply reply) {
        if (reply.status() != 404) {
            return false;
        }
        JsonValue body = reply.body();
        return body == null || body.getValueType() != JsonValue.ValueType.OBJECT
                || !body.asJsonObject().containsKey("error")
                || !RESOURCE_ERRORS.contains(reply.errorCode());
    }
}
