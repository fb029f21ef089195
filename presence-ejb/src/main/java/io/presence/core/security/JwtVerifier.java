package io.presence.core.security;

import io.presence.core.errors.AuthenticationException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 and ES256 tokens: signature, {@code exp} (required), {@code nbf} and, if configured,
 * {@code iss}. Any other algorithm, including {@code none} and HMAC, is refused so that a public key
 * can never be used as a shared secret.
 */
final class JwtVerifier {

    private final KeySource keys;
    private final Optional<String> issuer;
    private final Duration skew;
    private final Clock clock;
    /** Tokens already verified, until their expiry: a client sends the same token on every call. */
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(VerifiedToken token, long expiresAtEpochSecond) {}

    private static final int CACHE_LIMIT = 10_000;

    JwtVerifier(KeySource keys, Optional<String> issuer, Duration skew, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * Verifies the token, or answers from the cache of tokens verified before; an expired token is
     * refused either way. The cache is bounded and emptied when full.
     */
    VerifiedToken verify(String token) {
        Cached cached = verified.get(token);
        if (cached != null) {
            if (cached.expiresAtEpochSecond() + skew.toSeconds()
                    < clock.instant().getEpochSecond()) {
                verified.remove(token);
                throw new AuthenticationException("token has expired");
            }
            return cached.token();
        }
        Jwt jwt = Jwt.parse(token);
        VerifiedToken result = verifyUncached(jwt);
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, new Cached(result, jwt.claims().getJsonNumber("exp").longValue()));
        return result;
    }

    private VerifiedToken verifyUncached(Jwt jwt) {
        PublicKey key = keys.key(jwt.keyId())
                .orElseThrow(() -> new AuthenticationException("token is signed with an unknown key"));
        if (!signatureValid(jwt, key)) {
            throw new AuthenticationException("token signature does not verify");
        }
        JsonObject claims = jwt.claims();
        long now = clock.instant().getEpochSecond();
        if (!claims.containsKey("exp") || claims.get("exp").getValueType() != JsonValue.ValueType.NUMBER) {
            throw new AuthenticationException("token has no exp claim");
        }
        if (claims.getJsonNumber("exp").longValue() + skew.toSeconds() < now) {
            throw new AuthenticationException("token has expired");
        }
        if (claims.containsKey("nbf")
                && claims.get("nbf").getValueType() == JsonValue.ValueType.NUMBER
                && claims.getJsonNumber("nbf").longValue() - skew.toSeconds() > now) {
            throw new AuthenticationException("token is not valid yet");
        }
        if (issuer.isPresent() && !issuer.get().equals(stringClaim(claims, "iss"))) {
            throw new AuthenticationException("token was issued by an untrusted issuer");
        }
        String subject = stringClaim(claims, "sub");
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("token has no sub claim");
        }
        String name = Optional.ofNullable(stringClaim(claims, "name"))
                .or(() -> Optional.ofNullable(stringClaim(claims, "preferred_username")))
                .orElse(subject);
        return new VerifiedToken(
                subject, name, strings(claims.get("tenant")), new HashSet<>(strings(claims.get("groups"))));
    }

    private static boolean signatureValid(Jwt jwt, PublicKey key) {
        String algorithm =
                switch (jwt.algorithm()) {
                    case "RS256" -> key instanceof RSAPublicKey ? "SHA256withRSA" : null;
                    case "ES256" -> key instanceof ECPublicKey ? "SHA256withECDSAinP1363Format" : null;
                    default -> null;
                };
        if (algorithm == null) {
            throw new AuthenticationException(
                    "token algorithm '" + jwt.algorithm() + "' is not accepted (RS256 or ES256 with a matching key)");
        }
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update(jwt.signedPart());
            return signature.verify(jwt.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String stringClaim(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    /** A claim that may be one string or an array of strings. */
    private static List<String> strings(JsonValue value) {
        List<String> result = new ArrayList<>();
        if (value instanceof JsonString s) {
            result.add(s.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    result.add(s.getString());
                }
            }
        }
        return result;
    }
}
