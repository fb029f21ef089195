package io.presence.core.errors;

import java.util.Map;

/**
 * No token, or a token that does not verify (HTTP 401 {@code unauthenticated}). {@code details.reason}
 * says which rule refused it ({@code expired}, {@code issuer}, {@code audience}, {@code signature},
 * …) so that an operator can tell a misconfigured identity provider from an old token.
 */
public class AuthenticationException extends PresenceException {

    public AuthenticationException(String message) {
        super(401, "unauthenticated", message);
    }

    public AuthenticationException(String reason, String message) {
        super(401, "unauthenticated", message, Map.of("reason", reason));
    }
}
