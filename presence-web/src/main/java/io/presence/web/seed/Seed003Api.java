package io.presence.web.seed;

import io.presence.api.model.Caller;
import io.presence.core.errors.NotFoundException;
import io.presence.core.errors.PresenceException;
import io.presence.core.errors.RateLimitedException;
import io.presence.core.json.JsonSupport;
import io.presence.core.security.Authenticator;
import io.presence.core.status.ConversationTyping;
import io.presence.core.status.UserStatuses;
import io.presence.web.rest.AuthenticationFilter;
import io.presence.web.rest.JsonBody;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 003's REST paths, answered as its iOS app expects them (bare JSON, no envelope; see {@link
 * Seed003Json}): {@code POST /api/presence/status}, {@code GET /api/presence/users[?user_ids=1,2]},
 * {@code GET /api/presence/users/{user_id}} and {@code POST /api/conversations/{id}/typing}. A servlet
 * beside the JAX-RS application, whose paths all start with {@code /api/v1}; the rules are the status
 * and typing services', as for the product's own paths. Errors are {@code {"detail", "code"}} (and
 * {@code "field"} for bad input) with the seed's statuses: 401, 404, 422, and 429 with
 * {@code Retry-After}.
 */
@WebServlet(
        urlPatterns = {"/api/presence/status", "/api/presence/users", "/api/presence/users/*", "/api/conversations/*"})
public class Seed003Api extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(Seed003Api.class.getName());

    @Inject
    transient Authenticator authenticator;

    @Inject
    transient UserStatuses statuses;

    @Inject
    transient ConversationTyping typing;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Caller caller = authenticator.authenticate(
                    request.getHeader("Authorization"), request.getHeader(AuthenticationFilter.TENANT_HEADER));
            write(response, 200, route(request, caller));
        } catch (PresenceException e) {
            if (e instanceof RateLimitedException limited) {
                response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
            write(response, e.status(), error(e));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.getRequestURI(), e);
            write(
                    response,
                    500,
                    Map.of("detail", "the server failed to process the request", "code", "internal_error"));
        }
    }

    private Object route(HttpServletRequest request, Caller caller) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String method = request.getMethod();
        String[] parts = path.split("/", -1); // "", "api", ...
        if (path.equals("/api/presence/status")) {
            require(method, "POST");
            JsonBody body = JsonBody.parse(request.getInputStream());
            String device = body.optionalString("device_id").orElse(UserStatuses.DEFAULT_DEVICE);
            return Seed003Json.status(statuses.report(
                    caller, device, body.optionalString("status").orElse(null)));
        }
        if (path.equals("/api/presence/users")) {
            require(method, "GET");
            return statuses.users(caller, UserStatuses.splitIds(request.getParameter("user_ids"))).stream()
                    .map(Seed003Json::presence)
                    .toList();
        }
        if (parts.length == 5 && path.startsWith("/api/presence/users/") && !parts[4].isEmpty()) {
            require(method, "GET");
            return Seed003Json.presence(statuses.user(caller, parts[4]));
        }
        if (parts.length == 5 && path.startsWith("/api/conversations/") && parts[4].equals("typing")) {
            require(method, "POST");
            JsonBody body = JsonBody.parse(request.getInputStream());
            ConversationTyping.Outcome outcome = typing.typing(caller, parts[3], body.requiredBoolean("is_typing"));
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("conversation_id", Seed003Json.id(outcome.conversationId()));
            ack.put("is_typing", outcome.typing());
            return ack;
        }
        throw new NotFoundException("not_found", "no such path: " + path, Map.of());
    }

    private static void require(String method, String expected) {
        if (!method.equals(expected)) {
            throw new PresenceException(405, "method_not_allowed", "use " + expected + " on this path");
        }
    }

    private static Map<String, Object> error(PresenceException e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("detail", e.getMessage());
        json.put("code", e.code());
        Object field = e.details().get("field");
        if (field != null) {
            json.put("field", field);
        }
        return json;
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JsonSupport.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
