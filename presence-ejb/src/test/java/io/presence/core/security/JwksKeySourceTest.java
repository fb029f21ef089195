package io.presence.core.security;

import static io.presence.core.security.TestTokens.ISSUER;
import static io.presence.core.security.TestTokens.claims;
import static io.presence.core.security.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.presence.core.errors.AuthenticationException;
import io.presence.testing.TestPorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS key source against a real HTTP server that serves, rotates and removes keys. */
class JwksKeySourceTest {

    private final AtomicReference<List<JWK>> served = new AtomicReference<>(List.of());
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestPorts.free()), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(served.get()).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JwtVerifier verifier(Duration refresh) {
        return new JwtVerifier(
                JwksKeySource.open(url, refresh, Duration.ofSeconds(2), Duration.ofMinutes(15)),
                TokenRules.of(Optional.of(ISSUER), Set.of("presence"), Set.of("RS256", "ES256"), Duration.ZERO),
                refresh,
                Clock.systemUTC());
    }

    @Test
    void aKeyRemovedFromTheSetStopsBeingTrustedAfterTheRefresh() throws Exception {
        RSAKey kept = TestTokens.rsa("kept");
        RSAKey removed = TestTokens.rsa("removed");
        served.set(List.of(kept.toPublicJWK(), removed.toPublicJWK()));
        JwtVerifier verifier = verifier(Duration.ofSeconds(1));
        Instant exp = Instant.now().plusSeconds(120);
        String byKept = sign(kept, claims(exp).build());
        String byRemoved = sign(removed, claims(exp).build());
        assertEquals("u1", verifier.verify(byRemoved).subject());

        served.set(List.of(kept.toPublicJWK()));
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
        served.set(List.of(first.toPublicJWK()));
        JwtVerifier verifier = verifier(Duration.ofMinutes(5));
        Instant exp = Instant.now().plusSeconds(120);
        assertEquals("u1", verifier.verify(sign(first, claims(exp).build())).subject());

        RSAKey rotated = TestTokens.rsa("rotated");
        served.set(List.of(first.toPublicJWK(), rotated.toPublicJWK()));
        assertEquals(
                "u1",
                verifier.verify(sign(rotated, claims(exp).build())).subject(),
                "an unknown kid refetches the set");
    }

    @Test
    void forgedKidsDoNotHammerTheProvider() throws Exception {
        RSAKey known = TestTokens.rsa("known");
        served.set(List.of(known.toPublicJWK()));
        JwtVerifier verifier = verifier(Duration.ofMinutes(5));
        Instant exp = Instant.now().plusSeconds(120);
        for (int i = 0; i < 20; i++) {
            String forged = sign(TestTokens.rsa("forged-" + i), claims(exp).build());
            assertThrows(AuthenticationException.class, () -> verifier.verify(forged));
        }
        assertTrue(fetches.get() <= 3, "20 forged kids fetched the set " + fetches.get() + " times");
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
