package io.presence.web.ws;

import io.presence.api.model.Caller;
import java.security.Principal;

/**
 * The caller that {@link WsListener} authenticated at the handshake, handed to {@link PresenceSocket}
 * as the session's principal, so that the token need not travel (and stay) with the session.
 */
record CallerPrincipal(Caller caller) implements Principal {

    @Override
    public String getName() {
        return caller.userId();
    }
}
