package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.testing.RedisTestServer;
import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The launcher as an operator runs it: the embedded default, then a production-like configuration. */
class DistributionIT {

    /** What the node logs each time it opens a pool of Redis connections. */
    private static final String REDIS_POOL_OPENED = "opened a Redis connection pool";

    /**
     * Run from the unpacked tarball, as an operator would. Readiness is asked from the first moment on:
     * no answer before the node is ready is a success or names the server Presence runs on.
     */
    @Test
    void launcherStartsTheEmbeddedDefaultWithDevelopmentTokens() {
        try (LauncherProcess node = LauncherProcess.launch(
                DistributionArchive.unpacked(), "dist-embedded", Map.of("PRESENCE_JAVA_OPTS", ""))) {
            List<HttpResponse<String>> booting = node.answersUntilReady("health/ready", Duration.ofSeconds(300));
            for (HttpResponse<String> answer : booting.subList(0, booting.size() - 1)) {
                assertTrue(answer.statusCode() >= 400, () -> "not ready yet, not a success: " + answer);
                assertNamesOnlyPresence(answer);
            }
            assertNamesOnlyPresence(booting.get(booting.size() - 1));
            assertTrue(
                    booting.stream().anyMatch(answer -> answer.statusCode() == 503),
                    () -> "asked before the node was ready: " + booting);
            assertTrue(
                    node.jvmArguments()
                            .containsAll(
                                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch")),
                    () -> "the launcher's default JVM options: " + node.jvmArguments());
            ApiClient api = new ApiClient(node.base());
            for (String probe : List.of("health/started", "health/live", "health/ready")) {
                assertEquals(200, api.get(probe, null).status(), () -> "the probes deploy/kubernetes uses: " + probe);
            }
            Reply started = api.get("health/started", null);
            assertTrue(started.toString().contains("presence"), () -> "Presence's own startup check: " + started);
            String alice = api.token("alice", "Alice", "acme");
            assertEquals(
                    200,
                    api.post("api/v1/presence/work_order/WO-1/heartbeat", alice, "{\"tab_id\":\"t1\"}")
                            .status());
            Reply viewers = api.get("api/v1/presence/work_order/WO-1/viewers?include_self=true", alice);
            assertEquals(1, viewers.data().getJsonArray("viewers").size(), viewers.toString());
            assertTrue(node.log().contains("presence store: in memory"), "the embedded default uses memory");
            assertFalse(node.log().contains(REDIS_POOL_OPENED), "and opens no Redis connection pool");
        }
    }

    @Test
    void aNodeWhoseApplicationCannotStartExitsNonZeroWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(RedisTestServer.freePort(), 1, InetAddress.getLoopbackAddress());
                LauncherProcess node = LauncherProcess.launch(
                        LauncherProcess.distribution(),
                        "dist-port-taken",
                        Map.of("PRESENCE_WS_PORT", Integer.toString(taken.getLocalPort())))) {
            OptionalInt status = node.awaitExit(Duration.ofSeconds(240));
            assertEquals(OptionalInt.of(3), status, () -> "the node exits with 3:\n" + node.log());
            assertTrue(node.log().contains("Address already in use"), "the reason is logged");
            assertTrue(node.log().contains("presence: the application did not start"), node::log);
        }
    }

    @Test
    void configuredKeyAndRedisServeProductionTokensAndSurviveARedisOutage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = Path.of("target", "issuer-public.pem").toAbsolutePath();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        try (RedisTestServer redis = RedisTestServer.start();
                LauncherProcess node = LauncherProcess.start(
                        LauncherProcess.distribution(),
                        "dist-production",
                        Map.of(
                                "PRESENCE_STORE",
                                "redis",
                                "PRESENCE_REDIS_URL",
                                redis.url(),
                                "PRESENCE_JWT_PUBLIC_KEY_LOCATION",
                                pem.toString(),
                                "PRESENCE_JWT_ISSUER",
                                "https://idp.example"))) {
            ApiClient api = new ApiClient(node.base());
            Reply devToken = api.post("api/v1/dev/token", null, "{\"user_id\":\"x\",\"tenant\":\"acme\"}");
            assertEquals(404, devToken.status(), "no development tokens once a key is configured");

            String token = sign(
                    pair,
                    "{\"sub\":\"alice\",\"name\":\"Alice\",\"tenant\":\"acme\",\"iss\":\"https://idp.example\","
                            + "\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}");
            String heartbeat = "api/v1/presence/work_order/WO-1/heartbeat";
            assertEquals(200, api.post(heartbeat, token, "{\"tab_id\":\"t1\"}").status());
            assertEquals(
                    1,
                    api.get("api/v1/presence/work_order/WO-1/viewers?include_self=true", token)
                            .data()
                            .getJsonArray("viewers")
                            .size());
            String bobToken = sign(
                    pair,
                    "{\"sub\":\"bob\",\"name\":\"Bob\",\"tenant\":\"acme\",\"iss\":\"https://idp.example\","
                            + "\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}");
            Reply taken = api.post(heartbeat, bobToken, "{\"tab_id\":\"t1\"}");
            assertEquals(409, taken.status(), taken.toString());
            assertEquals("tab_owned_by_other_user", taken.errorCode());

            // the event bus subscribed at start and the store has served heartbeats; now the participants
            String publisher = sign(
                    pair,
                    "{\"sub\":\"erp\",\"tenant\":\"acme\",\"groups\":[\"presence-publisher\"],"
                            + "\"iss\":\"https://idp.example\",\"exp\":"
                            + (Instant.now().getEpochSecond() + 300)
                            + "}");
            Reply registered = api.send(
                    "PUT", "api/v1/conversations/c-1/participants", publisher, null, "{\"participants\":[\"alice\"]}");
            assertEquals(200, registered.status(), registered.toString());
            assertEquals(
                    1,
                    node.log().split(REDIS_POOL_OPENED, -1).length - 1,
                    "the store, the participants and the event bus share the node's one Redis connection pool");

            if (redis.isManaged()) {
                redis.stop();
                Reply down = api.post(heartbeat, token, "{\"tab_id\":\"t1\"}");
                assertEquals(503, down.status(), down.toString());
                assertEquals("store_unavailable", down.errorCode());
                assertEquals(503, api.get("health/ready", null).status(), "not ready while Redis is down");
                assertEquals(200, api.get("health/live", null).status(), "but alive: no restart needed");
                redis.restart();
                assertEquals(
                        200, api.post(heartbeat, token, "{\"tab_id\":\"t1\"}").status(), "recovers on its own");
            }
        }
    }

    private static String sign(KeyPair pair, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64.encodeToString(signature.sign());
    }

    /**
     * Neither the headers nor the body of {@code answer} name Payara, GlassFish or Payara Micro's
     * version; a server's own error page names Presence without a version.
     */
    private static void assertNamesOnlyPresence(HttpResponse<String> answer) {
        String where = answer.statusCode() + " "
                + answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(answer.headers().firstValue("Server").isEmpty(), () -> where + " has a Server header");
        assertTrue(answer.headers().firstValue("X-Powered-By").isEmpty(), () -> where + " has X-Powered-By");
        String body = answer.body().toLowerCase(Locale.ROOT);
        for (String name : List.of("payara", "glassfish", "grizzly", "6.2025", "badassfish")) {
            assertFalse(body.contains(name), () -> where + " names " + name + ": " + answer.body());
        }
        if (body.contains("<html")) {
            assertTrue(body.contains("<h3>presence</h3>"), () -> where + " names Presence alone: " + answer.body());
        }
    }
}
