package io.presence.web.ws;

import io.presence.core.security.AuthenticatedCaller;
import java.security.Principal;

/**
 * The caller that {@link WsListener} authenticated at the handshake, handed to {@link PresenceSocket}
 * as the session's principal, so that the token need not travel (and stay) with the session.
 */
record CallerPrincipal(AuthenticatedCaller authenticated) implements Principal {

    @Override
    public String getName() {
        return authenticated.caller().userId();
    }
}
