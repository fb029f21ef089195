package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.errors.AuthenticationException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The authenticated caller of the request the current thread serves. {@link AuthenticationFilter}
 * clears it at the start of every request, sets it unless an open method is called without a token,
 * and clears it again when the response leaves, so a pooled thread never carries one request's caller into
 * the next. Bound to the thread rather than to a request-scoped bean: resources stay application
 * scoped and no bean is created per request.
 */
@ApplicationScoped
public class CurrentCaller {

    private static final ThreadLocal<Caller> CALLER = new ThreadLocal<>();

    void set(Caller caller) {
        CALLER.set(caller);
    }

    void clear() {
        CALLER.remove();
    }

    public Caller get() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new AuthenticationException("a bearer token is required (Authorization: Bearer <JWT>)");
        }
        return caller;
    }
}
