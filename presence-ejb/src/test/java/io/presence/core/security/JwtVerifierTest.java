package io.presence.core.security;

import static io.presence.core.security.TestTokens.ISSUER;
import static io.presence.core.security.TestTokens.claims;
import static io.presence.core.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.presence.core.errors.AuthenticationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JwtVerifierTest {

    private final Instant now = Instant.now();
    private final Instant inAMinute = now.plusSeconds(60);

    private static TokenRules rules(Optional<String> issuer, Set<String> audiences) {
        return TokenRules.of(issuer, audiences, Set.of("RS256", "ES256"), Duration.ofSeconds(30));
    }

    private static JwtVerifier verifier(JWK key, TokenRules rules, Clock clock) {
        return new JwtVerifier(
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), rules, Duration.ofMinutes(5), clock);
    }

    private static JwtVerifier verifier(JWK key) {
        return verifier(key, rules(Optional.of(ISSUER), Set.of("presence")), Clock.systemUTC());
    }

    private static void assertRefused(String reason, Executable verification) {
        AuthenticationException e = assertThrows(AuthenticationException.class, verification);
        assertEquals(reason, e.details().get("reason"), e.getMessage());
    }

    @Test
    void validTokenYieldsItsClaims() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        VerifiedToken token = verifier(key).verify(sign(key, claims(inAMinute).build()));
        assertEquals("u1", token.subject());
        assertEquals("alice", token.name(), "preferred_username stands in for a missing name");
        assertEquals(List.of("acme", "globex"), token.tenants());
        assertEquals(Set.of("presence-publisher"), token.groups());
        assertEquals(inAMinute.getEpochSecond(), token.expiresAt().getEpochSecond());
    }

    @Test
    void aSingleTenantStringAndANameClaimAreRead() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        VerifiedToken token = verifier(key)
                .verify(sign(
                        key,
                        claims(inAMinute)
                                .claim("tenant", "acme")
                                .claim("name", "Alice Smith")
                                .build()));
        assertEquals(List.of("acme"), token.tenants());
        assertEquals("Alice Smith", token.name());
    }

    @Test
    void es256TokenVerifies() throws Exception {
        var key = TestTokens.ec("e1");
        assertEquals(
                "u1", verifier(key).verify(sign(key, claims(inAMinute).build())).subject());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        String token = sign(key, claims(now.minusSeconds(120)).build());
        assertRefused("expired", () -> verifier(key).verify(token));
    }

    @Test
    void tokenWithoutExpiryIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        String token = sign(key, claims(inAMinute).expirationTime(null).build());
        assertRefused("claims", () -> verifier(key).verify(token));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        assertRefused("audience", () -> verifier(key)
                .verify(sign(key, claims(inAMinute).audience("billing").build())));
        assertRefused("audience", () -> verifier(key)
                .verify(sign(key, claims(inAMinute).audience((String) null).build())));
        JwtVerifier anyAudience = verifier(key, rules(Optional.of(ISSUER), Set.of()), Clock.systemUTC());
        assertEquals(
                "u1",
                anyAudience
                        .verify(sign(key, claims(inAMinute).audience("billing").build()))
                        .subject(),
                "without presence.jwt.audiences any aud is accepted");
        JwtVerifier twoAudiences =
                verifier(key, rules(Optional.of(ISSUER), Set.of("presence", "erp")), Clock.systemUTC());
        assertEquals(
                "u1",
                twoAudiences
                        .verify(sign(
                                key,
                                claims(inAMinute)
                                        .audience(List.of("erp", "crm"))
                                        .build()))
                        .subject(),
                "one matching audience is enough");
    }

    @Test
    void tokenFromAnotherIssuerOrWithoutIssuerIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        assertRefused("issuer", () -> verifier(key)
                .verify(sign(
                        key, claims(inAMinute).issuer("https://evil.example").build())));
        assertRefused("issuer", () -> verifier(key)
                .verify(sign(key, claims(inAMinute).issuer(null).build())));
        assertRefused("issuer", () -> verifier(key)
                .verify(sign(key, claims(inAMinute).issuer(ISSUER + "/").build())));
    }

    @Test
    void unknownCriticalHeaderIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("k1")
                .customParam("exp-policy", "strict")
                .criticalParams(Set.of("exp-policy"))
                .build();
        String token = sign(key, header, claims(inAMinute).build());
        assertRefused("critical_header", () -> verifier(key).verify(token));
    }

    @Test
    void unsignedHmacAndMismatchedAlgorithmsAreRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        JWTClaimsSet claims = claims(inAMinute).build();
        String none = new PlainJWT(new PlainHeader(), claims).serialize();
        assertRefused("algorithm", () -> verifier(key).verify(none));

        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        assertRefused("algorithm", () -> verifier(key).verify(hmac.serialize()));

        String rs512 =
                sign(key, new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build(), claims);
        assertRefused("algorithm", () -> verifier(key).verify(rs512));

        String[] parts = sign(key, claims).split("\\.");
        String relabelled = sign(TestTokens.ec("k1"), claims).split("\\.")[0] + "." + parts[1] + "." + parts[2];
        assertRefused("key", () -> verifier(key).verify(relabelled));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        RSAKey other = TestTokens.rsa("k1");
        assertRefused("signature", () -> verifier(key)
                .verify(sign(other, claims(inAMinute).build())));
        RSAKey unknownKid = TestTokens.rsa("k2");
        assertRefused("key", () -> verifier(key)
                .verify(sign(unknownKid, claims(inAMinute).build())));
    }

    @Test
    void keyMeantForEncryptionNeverVerifiesASignature() throws Exception {
        RSAKey signing = TestTokens.rsa("k1");
        RSAKey encryption =
                new RSAKey.Builder(signing).keyUse(KeyUse.ENCRYPTION).build();
        String token = sign(signing, claims(inAMinute).build());
        assertRefused(
                "key", () -> verifier(encryption, rules(Optional.of(ISSUER), Set.of("presence")), Clock.systemUTC())
                        .verify(token));
    }

    @Test
    void garbageIsRefused() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        for (String garbage : new String[] {"", "abc", "a.b.c", "x".repeat(20_000)}) {
            assertThrows(AuthenticationException.class, () -> verifier(key).verify(garbage), garbage);
        }
    }

    @Test
    void refusalsNeverQuoteTheToken() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        String token =
                sign(key, claims(inAMinute).issuer("https://evil.example").build());
        AuthenticationException e =
                assertThrows(AuthenticationException.class, () -> verifier(key).verify(token));
        for (String part : token.split("\\.")) {
            assertFalse(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void aVerifiedTokenIsRefusedOnceItExpiresEvenFromTheCache() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        Instant[] time = {now};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time[0];
            }
        };
        JwtVerifier verifier = verifier(key, rules(Optional.of(ISSUER), Set.of("presence")), clock);
        String token = sign(key, claims(inAMinute).build());
        assertEquals("u1", verifier.verify(token).subject());
        assertEquals("u1", verifier.verify(token).subject(), "the second call answers from the cache");
        time[0] = now.plusSeconds(120);
        assertRefused("expired", () -> verifier.verify(token));
    }
}
