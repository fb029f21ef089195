package io.presence.core.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.presence.core.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * An RSA key pair made at start-up when no verification key is configured, so that the server runs out
 * of the box. It signs the tokens of {@code POST /api/v1/dev/token}; it is lost at restart, which
 * invalidates every token it signed. Never used when a key is configured.
 */
final class DevelopmentKeys {

    static final String KEY_ID = "presence-dev";
    static final String ISSUER = "presence-dev";

    private final RSAKey key;

    DevelopmentKeys() {
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyID(KEY_ID)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** The public key, for the verifier. */
    JWKSource<SecurityContext> source() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    /** Signs an RS256 token for the given identity, valid for {@code lifetime}. */
    String issue(String userId, String name, Collection<String> tenants, Collection<String> groups, Duration lifetime) {
        if (userId == null || userId.isBlank()) {
            throw new InvalidInputException("user_id", "is required");
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .claim("name", name == null || name.isBlank() ? userId : name)
                .claim("tenant", List.copyOf(tenants))
                .claim("groups", List.copyOf(groups))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(KEY_ID)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }
}
