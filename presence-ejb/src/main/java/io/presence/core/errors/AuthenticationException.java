package io.presence.core.errors;

/** No token, a token whose signature, issuer or expiry does not verify (HTTP 401). */
public class AuthenticationException extends PresenceException {

    public AuthenticationException(String message) {
        super(401, "unauthenticated", message);
    }
}
