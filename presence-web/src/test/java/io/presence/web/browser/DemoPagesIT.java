package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.web.ApiClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo is a development tool: on a server configured with a real verification key (production
 * mode) {@code /demo/} answers 404 while the client scripts, which production pages embed, are still
 * served. Starts its own Payara Micro (port 18102) with a freshly generated public key.
 */
class DemoPagesIT {

    @Test
    void demoIsHiddenButClientIsServedWhenAKeyIsConfigured() throws Exception {
        Path target = Path.of(System.getProperty("presence.war")).getParent();
        Path key = Files.createTempFile(target, "verification-key-", ".pem");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(
                key,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        generator.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        try (PresenceServer server = PresenceServer.start(
                18356,
                Map.of(
                        "presence.jwt.public-key-location",
                        key.toString(),
                        "presence.jwt.issuer",
                        "https://idp.example"))) {
            ApiClient api = new ApiClient(URI.create(server.baseUrl()));
            assertEquals(404, api.get("demo/index.html", null).status());
            assertEquals(404, api.get("demo/demo.js", null).status());
            assertEquals(404, api.get("demo/", null).status());
            assertEquals(
                    404,
                    api.post("api/v1/dev/token", null, "{\"user_id\":\"u1\",\"tenant\":\"acme\"}")
                            .status());
            assertEquals(200, api.get("presence/presence-client.js", null).status());
            assertEquals(200, api.get("presence/presence-viewers.js", null).status());
        }
    }
}
