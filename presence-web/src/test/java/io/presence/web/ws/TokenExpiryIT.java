package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.presence.testing.JwksServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node that verifies tokens with a JWKS this test serves (issuer, audience, no development tokens):
 * tokens for another audience or issuer are refused over REST and at the WebSocket handshake, a
 * WebSocket closes with 4001 when its token expires unless the client sent a fresh one, and a key
 * removed from the JWKS stops being trusted after the refresh period.
 */
class TokenExpiryIT {

    private static final int PORT = 18350;
    private static final int WS_PORT = 18351;
    private static final String ISSUER = "https://idp.test/realms/acme";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static JwksServer jwks;
    private static PayaraNode node;
    private static RSAKey key;

    @BeforeAll
    static void start() throws Exception {
        key = rsa("k1");
        jwks = JwksServer.start();
        jwks.serve(key);
        node = PayaraNode.startWithConfiguredKey(
                "tokens",
                PORT,
                Map.of(
                        "PRESENCE_JWT_JWKS_URL",
                        jwks.url(),
                        "PRESENCE_JWT_ISSUER",
                        ISSUER,
                        "PRESENCE_JWT_AUDIENCES",
                        "presence,presence-admin",
                        "PRESENCE_JWT_CLOCK_SKEW_SECONDS",
                        "0",
                        "PRESENCE_JWT_JWKS_REFRESH_SECONDS",
                        "2",
                        "PRESENCE_WS_PORT",
                        String.valueOf(WS_PORT)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    private static RSAKey rsa(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    }

    private static JWTClaimsSet.Builder claims(String user, Duration lifetime) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .claim("name", "User " + user)
                .claim("tenant", "acme")
                .issuer(ISSUER)
                .audience("presence")
                .expirationTime(Date.from(Instant.now().plus(lifetime)));
    }

    private static String sign(RSAKey signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signer.getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static String token(String user, Duration lifetime) throws JOSEException {
        return sign(key, claims(user, lifetime).build());
    }

    private record Answer(int status, JsonObject body) {}

    private static Answer whoami(String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/whoami"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                Json.createReader(new StringReader(response.body())).readObject());
    }

    private static void assertRefused(String reason, Answer answer) {
        assertEquals(401, answer.status(), answer.body().toString());
        JsonObject error = answer.body().getJsonObject("error");
        assertEquals("unauthenticated", error.getString("code"));
        assertEquals(reason, error.getJsonObject("details").getString("reason"), error.toString());
    }

    @Test
    void restRefusesTokensForAnotherAudienceOrIssuer() throws Exception {
        Answer valid = whoami(token("u1", Duration.ofMinutes(5)));
        assertEquals(200, valid.status(), valid.body().toString());
        assertEquals("u1", valid.body().getJsonObject("data").getString("user_id"));
        assertEquals(
                200,
                whoami(sign(
                                key,
                                claims("u1", Duration.ofMinutes(5))
                                        .audience("presence-admin")
                                        .build()))
                        .status(),
                "any configured audience is accepted");

        assertRefused(
                "audience",
                whoami(sign(
                        key,
                        claims("u1", Duration.ofMinutes(5)).audience("billing").build())));
        assertRefused(
                "audience",
                whoami(sign(
                        key,
                        claims("u1", Duration.ofMinutes(5))
                                .audience((String) null)
                                .build())));
        assertRefused(
                "issuer",
                whoami(sign(
                        key,
                        claims("u1", Duration.ofMinutes(5))
                                .issuer("https://evil.test")
                                .build())));
        assertRefused(
                "issuer",
                whoami(sign(
                        key, claims("u1", Duration.ofMinutes(5)).issuer(null).build())));
        assertRefused("expired", whoami(token("u1", Duration.ofSeconds(-5))));
        assertEquals(
                404,
                HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/dev/token"))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"user_id\":\"x\",\"tenant\":\"acme\"}"))
                                        .header("Content-Type", "application/json")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                "no development tokens with a configured key");
    }

    @Test
    void webSocketHandshakeRefusesTokensForAnotherAudienceOrIssuer() throws Exception {
        String wrongAudience = sign(
                key, claims("u1", Duration.ofMinutes(5)).audience("billing").build());
        String wrongIssuer = sign(
                key,
                claims("u1", Duration.ofMinutes(5)).issuer("https://evil.test").build());
        for (int port : new int[] {PORT, WS_PORT}) {
            for (String token : new String[] {wrongAudience, wrongIssuer}) {
                try (WsTestClient client = WsTestClient.connect(port, token, "acme")) {
                    WsTestClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
                    assertEquals(1008, closed.code(), closed.reason());
                    assertTrue(closed.reason().startsWith("unauthenticated"), closed.reason());
                }
            }
        }
    }

    @Test
    void aWebSocketClosesWhenItsTokenExpires() throws Exception {
        for (int port : new int[] {PORT, WS_PORT}) {
            Instant expiry = Instant.now().plusSeconds(4);
            String token = sign(
                    key,
                    claims("u2", Duration.ofSeconds(4))
                            .expirationTime(Date.from(expiry))
                            .build());
            try (WsTestClient client = WsTestClient.connect(port, token, "acme")) {
                client.send("{\"type\":\"ping\"}");
                client.next("pong");
                WsTestClient.Closed closed = client.awaitClose(Duration.ofSeconds(20));
                assertEquals(4001, closed.code(), closed.reason());
                assertEquals("token expired", closed.reason());
                assertFalse(
                        Instant.now().isBefore(expiry.minusMillis(1000)),
                        "closed at " + Instant.now() + ", before the token expired at " + expiry);
            }
        }
    }

    @Test
    void aFreshTokenKeepsTheWebSocketOpen() throws Exception {
        Instant expiry = Instant.now().plusSeconds(4);
        String first = sign(
                key,
                claims("u3", Duration.ofSeconds(4))
                        .expirationTime(Date.from(expiry))
                        .build());
        try (WsTestClient client = WsTestClient.connect(PORT, first, "acme")) {
            client.send("{\"type\":\"auth\",\"token\":\"" + token("u3", Duration.ofMinutes(5)) + "\",\"ref\":7}");
            JsonObject ack = client.next("auth_ack");
            assertEquals(7, ack.getInt("ref"));
            assertTrue(
                    Instant.parse(ack.getString("expires_at"))
                            .isAfter(Instant.now().plusSeconds(200)),
                    ack.toString());

            client.send("{\"type\":\"auth\",\"token\":\"" + token("u3", Duration.ofSeconds(-5)) + "\",\"ref\":8}");
            JsonObject refused = client.next("error");
            assertEquals("unauthenticated", refused.getString("code"));
            assertEquals(8, refused.getInt("ref"));

            client.assertNoneFor(Duration.between(Instant.now(), expiry).plusSeconds(3), message -> true);
            assertFalse(client.isClosed(), "closed although a fresh token came before the first expired");
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
        }
    }

    @Test
    void aFreshTokenOfAnotherUserClosesTheWebSocket() throws Exception {
        try (WsTestClient client = WsTestClient.connect(WS_PORT, token("u4", Duration.ofMinutes(5)), "acme")) {
            client.send("{\"type\":\"auth\",\"token\":\"" + token("someone-else", Duration.ofMinutes(5)) + "\"}");
            JsonObject error = client.next("error");
            assertEquals("identity_mismatch", error.getString("code"));
            assertEquals(1008, client.awaitClose(Duration.ofSeconds(10)).code());
        }
    }

    @Test
    void seed002SocketClosesWhenItsTokenExpires() throws Exception {
        String token = token("u5", Duration.ofSeconds(3));
        try (WsTestClient client = WsTestClient.connect(PORT, "/ws/presence?token=" + token, Map.of())) {
            WsTestClient.Closed closed = client.awaitClose(Duration.ofSeconds(20));
            assertEquals(4001, closed.code(), closed.reason());
        }
    }

    @Test
    void aKeyRemovedFromTheJwksStopsBeingTrusted() throws Exception {
        RSAKey rotatedOut = rsa("k-old");
        jwks.serve(key, rotatedOut);
        String old = sign(rotatedOut, claims("u6", Duration.ofMinutes(5)).build());
        assertEquals(200, whoami(old).status(), "a new kid is fetched at once");

        jwks.serve(key);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer = whoami(old);
        while (answer.status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = whoami(old);
        }
        assertRefused("key", answer);
        assertEquals(200, whoami(token("u6", Duration.ofMinutes(5))).status());
    }
}
