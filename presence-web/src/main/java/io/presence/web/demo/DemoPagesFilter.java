package io.presence.web.demo;

import io.presence.core.security.Authenticator;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the demo pages under {@code /demo/} only in development mode, that is while
 * {@link Authenticator#developmentMode()} holds (no verification key is configured and anyone may get
 * a token from {@code POST /api/v1/dev/token}). The demo signs in through that endpoint, so with a real
 * key it could not work anyway; it answers 404 then, as for any path that does not exist, so that a
 * production server does not even reveal that the demo ships in the WAR.
 */
@WebFilter(urlPatterns = {"/demo", "/demo/*"})
public class DemoPagesFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Authenticator authenticator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!authenticator.developmentMode()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
