package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.security.Authenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every request to the API from its bearer token and {@code X-SX-Tenant} header
 * before a resource runs. A request without an {@code Authorization} header may carry the token in
 * the {@link TokenCookie}; a POST, PUT or DELETE authenticated that way must also carry
 * {@link TokenCookie#CSRF_HEADER}, or it is refused with 403 {@code csrf_required} before anything
 * else. Only methods marked {@link Public} may run without either, and they authenticate on their
 * own. The caller is bound to the request's thread ({@link CurrentCaller}) and unbound when the
 * response leaves.
 * A request that {@link ApiThrottleFilter} has authenticated already keeps that outcome: the token is
 * verified once.
 */
@Provider
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header that selects the tenant a request acts in. */
    public static final String TENANT_HEADER = "X-SX-Tenant";

    @Inject
    Authenticator authenticator;

    @Inject
    CurrentCaller currentCaller;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        currentCaller.clear();
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean open = resourceInfo.getResourceMethod() != null
                && resourceInfo.getResourceMethod().isAnnotationPresent(Public.class);
        if (authorization == null || authorization.isBlank()) {
            if (open) {
                return;
            }
            authorization = cookieToken(request);
        }
        Caller caller = ApiThrottleFilter.authenticated(request.getProperty(ApiThrottleFilter.CALLER));
        currentCaller.set(
                caller != null
                        ? caller
                        : authenticator.authenticate(authorization, request.getHeaderString(TENANT_HEADER)));
    }

    /** The token cookie's value, once the request proves it is not a cross-site forgery; null without one. */
    private static String cookieToken(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(TokenCookie.name());
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return null;
        }
        String guard = request.getHeaderString(TokenCookie.CSRF_HEADER);
        if (TokenCookie.changesState(request.getMethod()) && (guard == null || guard.isBlank())) {
            throw new ForbiddenException(
                    "csrf_required",
                    "a request authenticated by the " + TokenCookie.name() + " cookie that changes state must carry "
                            + TokenCookie.CSRF_HEADER);
        }
        return cookie.getValue();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        currentCaller.clear();
    }
}
