package io.presence.web.rest;

import io.presence.core.config.PresenceSettings;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets pages of the origins in {@code presence.cors.allowed-origins} call the REST API from the browser
 * (CORS). A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed
 * origin is answered here, before authentication, since browsers send it without the token; every
 * other answer to an allowed origin, errors included, carries {@code Access-Control-Allow-Origin}.
 * Requests from other origins pass untouched: without the headers the browser keeps the answer from
 * the page. A JAX-RS filter, not a servlet filter, so that WebSocket upgrades on the same listener
 * reach Tyrus exactly as without it.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsApiFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Inject
    PresenceSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString(Cors.ORIGIN);
        if ("OPTIONS".equals(request.getMethod())
                && request.getHeaderString(Cors.REQUEST_METHOD) != null
                && origin != null
                && settings.corsAllows(origin)) {
            Response.ResponseBuilder answer = Response.noContent();
            Cors.preflight(answer::header);
            request.abortWith(answer.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString(Cors.ORIGIN);
        if (origin != null && settings.corsAllows(origin)) {
            Cors.allow(origin, response.getHeaders()::putSingle);
        }
    }
}
