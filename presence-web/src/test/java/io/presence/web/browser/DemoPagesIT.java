package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.web.ApiClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The demo is a development tool: on a server configured with a real verification key (production
 * mode) {@code /demo/} answers 404 while the client scripts, which production pages embed, are still
 * served. Starts its own Payara Micro (port 18102) with a freshly generated public key.
 */
class DemoPagesIT {

    @Test
    void demoIsHiddenButClientIsServedWhenAKeyIsConfigured() throws Exception {
        try (PresenceServer server = PresenceServer.startWithConfiguredKey(18356)) {
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
