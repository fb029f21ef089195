package io.presence.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the Presence REST API, as an application would use it. */
public final class ApiClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /**
     * @param base the server's root, e.g. {@code http://127.0.0.1:8080/}; whatever host it names, the
     *     client talks to the loopback address (Payara Micro reports the machine's interface address,
     *     and tests send traffic to this machine only)
     */
    public ApiClient(URI base) {
        this.base = loopback(base);
    }

    /** The same URI on 127.0.0.1, with a trailing slash. */
    public static URI loopback(URI uri) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return URI.create(uri.getScheme() + "://127.0.0.1:" + uri.getPort() + (path.endsWith("/") ? path : path + "/"));
    }

    /** A response's status and parsed JSON body ({@code null} body when it is not JSON). */
    public record Reply(int status, JsonValue body) {
        public JsonObject json() {
            return body.asJsonObject();
        }

        public JsonObject data() {
            return json().getJsonObject("data");
        }

        public String errorCode() {
            return json().getJsonObject("error").getString("code");
        }
    }

    /** A development token for the user in the given tenants. */
    public String token(String userId, String name, String... tenants) {
        return token(userId, name, tenants, new String[0]);
    }

    public String token(String userId, String name, String[] tenants, String[] groups) {
        String body = Json.createObjectBuilder()
                .add("user_id", userId)
                .add("name", name)
                .add("tenant", Json.createArrayBuilder(java.util.List.of(tenants)))
                .add("groups", Json.createArrayBuilder(java.util.List.of(groups)))
                .build()
                .toString();
        Reply reply = send("POST", "api/v1/dev/token", null, null, body);
        if (reply.status() != 200) {
            throw new IllegalStateException("dev token refused: " + reply);
        }
        return reply.data().getString("token");
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Reply post(String path, String token, String body) {
        return send("POST", path, token, null, body);
    }

    public Reply send(String method, String path, String token, String tenant, String body) {
        return reply(exchange(method, path, token, tenant, body));
    }

    /** The same request as {@link #send}, answered with the whole HTTP response (headers included). */
    public HttpResponse<String> exchange(String method, String path, String token, String tenant, String body) {
        return exchange(method, path, token, tenant, body, Map.of());
    }

    /**
     * {@link #exchange} with more request headers, e.g. the {@code Origin} a browser adds; a header
     * given here replaces the client's own (such as its JSON {@code Content-Type}).
     */
    public HttpResponse<String> exchange(
            String method, String path, String token, String tenant, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-SX-Tenant", tenant);
        }
        headers.forEach(request::setHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response's status and parsed body. */
    public static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), parse(response.body()));
    }

    private static JsonValue parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            return Json.createValue(body);
        }
    }
}
