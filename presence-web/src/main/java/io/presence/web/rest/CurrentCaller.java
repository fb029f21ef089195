package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.errors.AuthenticationException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new AuthenticationException("a bearer token is required (Authorization: Bearer <JWT>)");
        }
        return caller;
    }
}
