package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.PresenceException;
import io.presence.core.json.JsonSupport;
import io.presence.core.limits.ApiThrottle;
import io.presence.core.limits.RateDecision;
import io.presence.core.security.Authenticator;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The REST rate limit ({@code presence.rate-limit.api.*}) in front of every API path, JAX-RS resources
 * and plain servlets alike: a request that carries a token is authenticated here, once, and counted
 * against its user's allowance in its tenant; over the limit it is answered 429 {@code rate_limited}
 * with {@code Retry-After} and never runs. Admitted answers carry {@code X-RateLimit-Limit} and
 * {@code X-RateLimit-Remaining}.
 *
 * <p>The outcome of authentication is left in the request attribute {@value #CALLER}: the caller, or the
 * failure. {@link AuthenticationFilter} takes it from there instead of verifying the token again, and
 * so may a servlet under {@code /api/} ({@link #authenticated}). A failure is not answered here: the
 * resource's own authentication renders it, as for a request without a token.
 *
 * <p>Not counted: requests without an {@code Authorization} header (a CORS preflight, the page-close
 * beacon whose token travels in its body, unauthenticated calls that get 401), WebSocket handshakes
 * (their messages have a limit of their own) and the development endpoints under {@code /api/v1/dev/}.
 * Health, metrics and static files are not under {@code /api/}.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiThrottleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute holding the authenticated {@link Caller} or the {@link PresenceException}. */
    public static final String CALLER = "io.presence.caller";

    private static final String DEVELOPMENT = "/api/v1/dev/";
    private static final Logger LOG = Logger.getLogger(ApiThrottleFilter.class.getName());

    @Inject
    transient Authenticator authenticator;

    @Inject
    transient ApiThrottle throttle;

    @Inject
    transient PresenceSettings settings;

    /**
     * The caller this filter authenticated, given the value of {@link #CALLER}; null when it did not
     * authenticate (no token).
     *
     * @throws PresenceException the request's authentication failure (401, 403)
     */
    public static Caller authenticated(Object attribute) {
        if (attribute instanceof PresenceException failure) {
            throw failure;
        }
        return attribute instanceof Caller caller ? caller : null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Caller caller = isCounted(request) ? authenticate(request) : null;
        Optional<RateDecision> decision = caller == null ? Optional.empty() : admit(caller);
        if (decision.isPresent()) {
            response.setHeader(
                    "X-RateLimit-Limit", Integer.toString(decision.get().rate().permits()));
            response.setHeader(
                    "X-RateLimit-Remaining", Long.toString(decision.get().remaining()));
            if (!decision.get().allowed()) {
                refuse(request, response, decision.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isCounted(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null
                && !authorization.isBlank()
                && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && !request.getRequestURI().startsWith(DEVELOPMENT);
    }

    /** The caller, left in {@link #CALLER} with a failure instead; null when authentication failed. */
    private Caller authenticate(HttpServletRequest request) {
        try {
            Caller caller = authenticator.authenticate(
                    request.getHeader("Authorization"), request.getHeader(AuthenticationFilter.TENANT_HEADER));
            request.setAttribute(CALLER, caller);
            return caller;
        } catch (PresenceException failure) {
            request.setAttribute(CALLER, failure);
            return null;
        } catch (RuntimeException unexpected) { // the resource's authentication meets it again and renders a 500
            return null;
        }
    }

    private Optional<RateDecision> admit(Caller caller) {
        try {
            return throttle.admit(caller);
        } catch (RuntimeException bug) { // a limiter's bug must not take the API down with it
            LOG.log(Level.SEVERE, "the rate limit failed; the request is admitted", bug);
            return Optional.empty();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RateDecision decision)
            throws IOException {
        long windowSeconds = decision.rate().period().toSeconds();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limit", decision.rate().permits());
        details.put("window_seconds", windowSeconds);
        details.put("retry_after_ms", decision.retryAfter().toMillis());
        String message = "too many requests: at most " + decision.rate().permits() + " per " + windowSeconds
                + " s; retry after " + decision.retryAfterSeconds() + " s";
        byte[] body = JsonSupport.write(Envelope.errorBody("rate_limited", message, details))
                .getBytes(StandardCharsets.UTF_8);
        String origin = request.getHeader(Cors.ORIGIN);
        if (origin != null && settings.corsAllows(origin)) {
            Cors.allow(origin, response::setHeader);
        }
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
