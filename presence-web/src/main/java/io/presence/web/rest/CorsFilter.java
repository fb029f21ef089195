package io.presence.web.rest;

import io.presence.core.config.PresenceSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets pages of the origins in {@code presence.cors.allowed-origins} call this node from the browser
 * (CORS): the REST API with its {@code Authorization} and {@code X-SX-Tenant} headers, and the client's
 * script modules under {@code /presence/}. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) from an allowed origin is answered here, before authentication,
 * since browsers send it without the token. Requests from other origins pass untouched: without the
 * headers the browser keeps the answer from the page. No credentials are allowed: the token travels in
 * a header, not a cookie.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CorsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** How long a browser may reuse a preflight's answer, in seconds. */
    static final String PREFLIGHT_MAX_AGE = "600";

    @Inject
    transient PresenceSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || !settings.corsAllows(origin)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
            response.setHeader(
                    "Access-Control-Allow-Headers",
                    "Authorization, Content-Type, " + AuthenticationFilter.TENANT_HEADER);
            response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }
}
