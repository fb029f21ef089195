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
 * Lets pages of the origins in {@code presence.cors.allowed-origins} load the client's script modules
 * from {@code /presence/} (browsers fetch module scripts with CORS). The API has its own filter
 * ({@link CorsApiFilter}); this one is mapped to the modules only, out of the way of WebSocket upgrades.
 */
@WebFilter(urlPatterns = "/presence/*")
public class CorsModulesFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PresenceSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader(Cors.ORIGIN);
        if (origin != null && settings.corsAllows(origin)) {
            Cors.allow(origin, response::setHeader);
            if ("OPTIONS".equals(request.getMethod()) && request.getHeader(Cors.REQUEST_METHOD) != null) {
                Cors.preflight(response::setHeader);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
