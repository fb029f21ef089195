package io.presence.web.logs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every REST request an id: the client's {@code X-Request-Id} when it is at most 128 letters,
 * digits and {@code . _ : -}, else a new UUID. The answer carries it in {@code X-Request-Id}, and lines
 * logged while the request is handled carry it as {@code request_id} (with {@code
 * presence.log.format=json}), so that a client's report can be found in the log.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The header that carries the id, both ways. */
    public static final String HEADER = "X-Request-Id";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.of(request.getHeader(HEADER));
        response.setHeader(HEADER, id);
        RequestIds.set(id);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestIds.clear();
        }
    }
}
