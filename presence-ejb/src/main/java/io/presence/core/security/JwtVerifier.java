package io.presence.core.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.presence.core.errors.AuthenticationException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a compact JWS with Nimbus JOSE+JWT's {@link DefaultJWTProcessor}: the key chosen by
 * {@code kid}, {@code alg} and {@code use} from the key source, the algorithm one of {@link
 * TokenRules#algorithms()}, no {@code crit} header parameter (none is understood here, so RFC 7515
 * says refuse), {@code sub} and {@code exp} required, {@code iss} exactly the configured issuer and
 * {@code aud} one of the configured audiences. Failures name the rule that refused the token, never
 * the token.
 */
final class JwtVerifier {

    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final int CACHE_LIMIT = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final TokenRules rules;
    private final Duration cacheFor;
    private final Clock clock;
    /** Tokens verified recently: a client sends the same token on every call. */
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(VerifiedToken token, Instant until) {}

    /**
     * @param cacheFor how long a verified token is answered from the cache (never past its expiry); keep
     *     it at most the key refresh period, so that a removed key stops being trusted as fast
     */
    JwtVerifier(JWKSource<SecurityContext> keys, TokenRules rules, Duration cacheFor, Clock clock) {
        this.rules = rules;
        this.cacheFor = cacheFor;
        this.clock = clock;
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(rules.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        rules.audiences().isEmpty() ? null : new HashSet<>(rules.audiences()),
                        rules.issuer()
                                .map(iss ->
                                        new JWTClaimsSet.Builder().issuer(iss).build())
                                .orElse(null),
                        required(rules),
                        null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) rules.skew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    private static Set<String> required(TokenRules rules) {
        Set<String> required = new HashSet<>(Set.of("sub", "exp"));
        rules.issuer().ifPresent(iss -> required.add("iss"));
        if (!rules.audiences().isEmpty()) {
            required.add("aud");
        }
        return required;
    }

    /** Verifies the token, or answers from the cache; an expired token is refused either way. */
    VerifiedToken verify(String token) {
        Instant now = clock.instant();
        Cached cached = verified.get(token);
        if (cached != null) {
            if (now.isBefore(cached.until())) {
                return cached.token();
            }
            verified.remove(token);
        }
        VerifiedToken result = TokenClaims.map(process(token));
        if (result.expiresAt().plus(rules.skew()).isBefore(now)) {
            throw TokenRefusals.expired();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        Instant expiry = result.expiresAt().plus(rules.skew());
        Instant until = now.plus(cacheFor);
        verified.put(token, new Cached(result, expiry.isBefore(until) ? expiry : until));
        return result;
    }

    private JWTClaimsSet process(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException("token is too long");
        }
        SignedJWT jwt = signed(token);
        JWSHeader header = jwt.getHeader();
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw TokenRefusals.criticalHeader(header.getCriticalParams());
        }
        if (!rules.algorithms().contains(header.getAlgorithm())) {
            throw TokenRefusals.algorithm(header.getAlgorithm().getName(), rules.algorithms());
        }
        try {
            return processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw TokenRefusals.of(e, claimsOf(jwt), rules);
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw TokenRefusals.malformed();
        }
    }

    private static SignedJWT signed(String token) {
        try {
            if (JWTParser.parse(token) instanceof SignedJWT jwt) {
                return jwt;
            }
            throw TokenRefusals.unsigned();
        } catch (ParseException e) {
            throw TokenRefusals.malformed();
        }
    }
}
