package io.presence.core.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.presence.core.errors.AuthenticationException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The 401s a token verification ends in, each with the {@code details.reason} that names the rule:
 * {@code malformed}, {@code algorithm}, {@code critical_header}, {@code key}, {@code signature},
 * {@code expired}, {@code not_yet_valid}, {@code issuer}, {@code audience}, {@code claims}. Messages
 * name claims and rules, never the token.
 */
final class TokenRefusals {

    private static final Logger LOG = Logger.getLogger(TokenRefusals.class.getName());

    private TokenRefusals() {}

    static AuthenticationException malformed() {
        return new AuthenticationException("malformed", "token is not a signed JWT (three base64url parts)");
    }

    static AuthenticationException unsigned() {
        return new AuthenticationException("algorithm", "unsigned and encrypted tokens are not accepted");
    }

    static AuthenticationException algorithm(String algorithm, Set<JWSAlgorithm> accepted) {
        Set<String> names = new TreeSet<>();
        accepted.forEach(a -> names.add(a.getName()));
        return new AuthenticationException(
                "algorithm",
                "token algorithm '" + printable(algorithm) + "' is not accepted (accepted: " + names + ")");
    }

    static AuthenticationException criticalHeader(Collection<String> names) {
        return new AuthenticationException(
                "critical_header",
                "token has critical header parameters this server does not understand: "
                        + printable(String.valueOf(new TreeSet<>(names))));
    }

    static AuthenticationException expired() {
        return new AuthenticationException("expired", "token has expired");
    }

    /**
     * Nimbus's refusal, mapped to a reason. A refusal of the claims comes after the signature verified,
     * so the claims say which rule failed (Nimbus's messages differ between its versions); other
     * refusals are told apart by type and message, which never include the token.
     */
    static AuthenticationException of(Exception e, JWTClaimsSet claims, TokenRules rules) {
        if (e instanceof ExpiredJWTException) {
            return expired();
        }
        if (e instanceof KeySourceException) {
            LOG.warning(() -> "the token verification keys cannot be fetched: " + e.getMessage());
            return new AuthenticationException(
                    "key", "token is signed with an unknown key, or the keys cannot be fetched now");
        }
        if (e instanceof BadJWTException) {
            return claims(claims, rules);
        }
        String lower = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (lower.contains("no matching key")) {
            return new AuthenticationException("key", "token is signed with an unknown key");
        }
        if (lower.contains("invalid signature")) {
            return new AuthenticationException("signature", "token signature does not verify");
        }
        return new AuthenticationException("invalid", "token is not accepted: " + printable(e.getMessage()));
    }

    private static AuthenticationException claims(JWTClaimsSet claims, TokenRules rules) {
        if (rules.issuer().isPresent() && !rules.issuer().get().equals(claims.getIssuer())) {
            return new AuthenticationException("issuer", "token was not issued by the configured issuer (iss)");
        }
        List<String> audience = claims.getAudience();
        if (!rules.audiences().isEmpty() && audience.stream().noneMatch(rules.audiences()::contains)) {
            return new AuthenticationException("audience", "token is not meant for this server (aud)");
        }
        if (claims.getSubject() == null || claims.getExpirationTime() == null) {
            return new AuthenticationException("claims", "token lacks a required claim (sub, exp)");
        }
        if (claims.getNotBeforeTime() != null) {
            return new AuthenticationException("not_yet_valid", "token is not valid yet (nbf)");
        }
        return new AuthenticationException("claims", "token claims are not accepted");
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }
}
