package io.presence.core.security;

import static io.presence.core.security.TestTokens.ISSUER;
import static io.presence.core.security.TestTokens.claims;
import static io.presence.core.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import io.presence.core.errors.AuthenticationException;
import io.presence.testing.JwksServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS key source against a real HTTP server that serves, rotates and removes keys. */
class JwksKeySourceTest {

    private JwksServer jwks;

    @BeforeEach
    void serve() throws IOException {
        jwks = JwksServer.start();
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private JwtVerifier verifier(Duration refresh) {
        return new JwtVerifier(
                JwksKeySource.open(jwks.url(), refresh, Duration.ofSeconds(2), Duration.ofMinutes(15)),
                TokenRules.of(Optional.of(ISSUER), Set.of("presence"), Set.of("RS256", "ES256"), Duration.ZERO),
                refresh,
                Clock.systemUTC());
    }

    @Test
    void aKeyRemovedFromTheSetStopsBeingTrustedAfterTheRefresh() throws Exception {
        RSAKey kept = TestTokens.rsa("kept");
        RSAKey removed = TestTokens.rsa("removed");
        jwks.serve(kept, removed);
        JwtVerifier verifier = verifier(Duration.ofSeconds(1));
        Instant exp = Instant.now().plusSeconds(120);
        String byKept = sign(kept, claims(exp).build());
        String byRemoved = sign(removed, claims(exp).build());
        assertEquals("u1", verifier.verify(byRemoved).subject());

        jwks.serve(kept);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try {
                verifier.verify(byRemoved);
                Thread.sleep(100);
            } catch (AuthenticationException e) {
                assertEquals("key", e.details().get("reason"), e.getMessage());
                refused = true;
            }
        }
        assertTrue(refused, "a token of the removed key is still accepted 15 s after the removal");
        assertEquals("u1", verifier.verify(byKept).subject(), "the key still in the set stays trusted");
        assertThrows(AuthenticationException.class, () -> verifier.verify(byRemoved));
    }

    @Test
    void aNewKeyIsFetchedAtOnceWhenATokenNamesIt() throws Exception {
        RSAKey first = TestTokens.rsa("first");
        jwks.serve(first);
        JwtVerifier verifier = verifier(Duration.ofMinutes(5));
        Instant exp = Instant.now().plusSeconds(120);
        assertEquals("u1", verifier.verify(sign(first, claims(exp).build())).subject());

        RSAKey rotated = TestTokens.rsa("rotated");
        jwks.serve(first, rotated);
        assertEquals(
                "u1",
                verifier.verify(sign(rotated, claims(exp).build())).subject(),
                "an unknown kid refetches the set");
    }

    @Test
    void forgedKidsDoNotHammerTheProvider() throws Exception {
        RSAKey known = TestTokens.rsa("known");
        jwks.serve(known);
        JwtVerifier verifier = verifier(Duration.ofMinutes(5));
        Instant exp = Instant.now().plusSeconds(120);
        for (int i = 0; i < 20; i++) {
            String forged = sign(TestTokens.rsa("forged-" + i), claims(exp).build());
            assertThrows(AuthenticationException.class, () -> verifier.verify(forged));
        }
        assertTrue(jwks.fetches() <= 3, "20 forged kids fetched the set " + jwks.fetches() + " times");
    }

    @Test
    void plainHttpIsOnlyAllowedToLoopback() {
        JwksKeySource.checked("https://idp.example/jwks");
        JwksKeySource.checked("http://127.0.0.1:8080/jwks");
        JwksKeySource.checked("http://localhost:8080/jwks");
        JwksKeySource.checked("http://[::1]:8080/jwks");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> JwksKeySource.checked("http://idp.example/jwks"));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> JwksKeySource.checked("file:///etc/jwks.json"));
    }

    @Test
    void aConfiguredKeyWithoutAnIssuerStopsTheNode() {
        TokenRules noIssuer = TokenRules.of(Optional.empty(), Set.of(), Set.of("RS256"), Duration.ZERO);
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> Authenticator.requireIssuer(noIssuer, "presence.jwt.jwks-url"));
        assertTrue(e.getMessage().contains("presence.jwt.issuer"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> TokenRules.of(Optional.of(ISSUER), Set.of(), Set.of("HS256"), Duration.ZERO));
        assertThrows(
                IllegalStateException.class,
                () -> TokenRules.of(Optional.of(ISSUER), Set.of(), Set.of("none"), Duration.ZERO));
    }
}
