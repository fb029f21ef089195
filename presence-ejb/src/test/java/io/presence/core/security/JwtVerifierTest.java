package io.presence.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.core.errors.AuthenticationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final long now = Instant.now().getEpochSecond();

    private static String sign(String alg, String signatureAlgorithm, PrivateKey key, JsonObject claims)
            throws Exception {
        String header = B64.encodeToString(
                Json.createObjectBuilder().add("alg", alg).build().toString().getBytes(StandardCharsets.UTF_8));
        String signed = header + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(signatureAlgorithm);
        signature.initSign(key);
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(signature.sign());
    }

    private JsonObject claims(long exp) {
        return Json.createObjectBuilder()
                .add("sub", "u1")
                .add("preferred_username", "alice")
                .add("tenant", Json.createArrayBuilder().add("acme").add("globex"))
                .add("groups", Json.createArrayBuilder().add("presence-publisher"))
                .add("iss", "https://idp.example")
                .add("exp", exp)
                .build();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static JwtVerifier verifier(KeyPair pair, Optional<String> issuer) {
        return new JwtVerifier(kid -> Optional.of(pair.getPublic()), issuer, Duration.ofSeconds(30), Clock.systemUTC());
    }

    @Test
    void rs256TokenYieldsItsClaims() throws Exception {
        KeyPair pair = rsa();
        VerifiedToken token = verifier(pair, Optional.of("https://idp.example"))
                .verify(sign("RS256", "SHA256withRSA", pair.getPrivate(), claims(now + 60)));
        assertEquals("u1", token.subject());
        assertEquals("alice", token.name(), "preferred_username stands in for a missing name");
        assertEquals(List.of("acme", "globex"), token.tenants());
        assertEquals(Set.of("presence-publisher"), token.groups());
    }

    @Test
    void es256TokenVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String token = sign("ES256", "SHA256withECDSAinP1363Format", pair.getPrivate(), claims(now + 60));
        assertEquals("u1", verifier(pair, Optional.empty()).verify(token).subject());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        KeyPair pair = rsa();
        String token = sign("RS256", "SHA256withRSA", pair.getPrivate(), claims(now - 120));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> verifier(pair, Optional.empty())
                .verify(token));
        assertTrue(e.getMessage().contains("expired"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        String token = sign("RS256", "SHA256withRSA", rsa().getPrivate(), claims(now + 60));
        assertThrows(AuthenticationException.class, () -> verifier(rsa(), Optional.empty())
                .verify(token));
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        KeyPair pair = rsa();
        String valid = sign("RS256", "SHA256withRSA", pair.getPrivate(), claims(now + 60));
        String[] parts = valid.split("\\.");
        for (String alg : new String[] {"none", "HS256"}) {
            String header = B64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
            String forged = header + "." + parts[1] + "." + parts[2];
            assertThrows(
                    AuthenticationException.class,
                    () -> verifier(pair, Optional.empty()).verify(forged),
                    alg);
        }
    }

    @Test
    void wrongIssuerAndGarbageAreRefused() throws Exception {
        KeyPair pair = rsa();
        String token = sign("RS256", "SHA256withRSA", pair.getPrivate(), claims(now + 60));
        assertThrows(AuthenticationException.class, () -> verifier(pair, Optional.of("https://other"))
                .verify(token));
        for (String garbage : new String[] {"", "abc", "a.b.c", "x".repeat(20_000)}) {
            assertThrows(AuthenticationException.class, () -> verifier(pair, Optional.empty())
                    .verify(garbage));
        }
    }

    @Test
    void aVerifiedTokenIsRefusedOnceItExpiresEvenFromTheCache() throws Exception {
        KeyPair pair = rsa();
        Instant[] now = {Instant.now()};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        JwtVerifier verifier =
                new JwtVerifier(kid -> Optional.of(pair.getPublic()), Optional.empty(), Duration.ofSeconds(30), clock);
        String token = sign("RS256", "SHA256withRSA", pair.getPrivate(), claims(now[0].getEpochSecond() + 60));
        assertEquals("u1", verifier.verify(token).subject());
        assertEquals("u1", verifier.verify(token).subject(), "the second call answers from the cache");
        now[0] = now[0].plusSeconds(120);
        assertThrows(AuthenticationException.class, () -> verifier.verify(token));
    }
}
