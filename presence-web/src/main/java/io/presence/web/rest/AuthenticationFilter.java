package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.security.Authenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every request to the API from its bearer token and {@code X-SX-Tenant} header
 * before a resource runs. Only methods marked {@link Public} may run without an
 * {@code Authorization} header, and they authenticate on their own. The caller is bound to the
 * request's thread ({@link CurrentCaller}) and unbound when the response leaves. A request that
 * {@link ApiThrottleFilter} has authenticated already keeps that outcome: the token is verified once.
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
        if (open && (authorization == null || authorization.isBlank())) {
            return;
        }
        Caller caller = ApiThrottleFilter.authenticated(request.getProperty(ApiThrottleFilter.CALLER));
        currentCaller.set(
                caller != null
                        ? caller
                        : authenticator.authenticate(authorization, request.getHeaderString(TENANT_HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        currentCaller.clear();
    }
}
