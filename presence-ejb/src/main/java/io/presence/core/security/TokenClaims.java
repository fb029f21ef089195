package io.presence.core.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.presence.core.errors.AuthenticationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * Presence's reading of verified claims: {@code sub} the user id, {@code name} (else
 * {@code preferred_username}, else the id) the display name, {@code tenant} and {@code groups} each a
 * string or an array of strings, {@code exp} the expiry.
 */
final class TokenClaims {

    private TokenClaims() {}

    static VerifiedToken map(JWTClaimsSet claims) {
        String subject = string(claims, "sub");
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("claims", "token has no sub claim");
        }
        if (claims.getExpirationTime() == null) {
            throw new AuthenticationException("claims", "token has no exp claim");
        }
        String name = string(claims, "name");
        if (name == null) {
            name = string(claims, "preferred_username");
        }
        return new VerifiedToken(
                subject,
                name == null ? subject : name,
                strings(claims.getClaim("tenant")),
                new HashSet<>(strings(claims.getClaim("groups"))),
                claims.getExpirationTime().toInstant());
    }

    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    /** A claim that may be one string or an array of strings; other values are ignored. */
    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof String s) {
            result.add(s);
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String s) {
                    result.add(s);
                }
            }
        }
        return result;
    }
}
