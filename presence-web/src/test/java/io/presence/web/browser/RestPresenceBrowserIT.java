package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two users in two real headless Chromium browsers on the demo page of a real Payara Micro server,
 * with the client on REST (heartbeats and polling): forced with {@code transport=rest}, and chosen by
 * the client itself when the WebSocket handshake fails. These run on every build, whether or not the
 * server has a WebSocket endpoint.
 */
@ExtendWith(SharedPresenceServer.class)
class RestPresenceBrowserIT {

    /** Polling every half second keeps the test short; the default is 10 s. */
    private static final String REST = "transport=rest&poll=500";

    @Test
    void twoUsersSeeEachOtherAndTypingShowsEditingInTheOther(PresenceServer server) throws Exception {
        try (DemoBrowser alice = new DemoBrowser(0);
                DemoBrowser bob = new DemoBrowser(1)) {
            alice.openWith(bob, server.baseUrl(), REST, "rest", "WO-REST-1");
            assertEquals("BJ", alice.text("[data-user-id='rest-bob'] .pv-initials"));

            bob.type("field-description", " Check the gasket.");
            alice.awaitEditing("rest-bob");
            String label = alice.avatar("rest-bob").getAttribute("aria-label");
            assertTrue(label.contains("Bob Jones is editing") && label.contains("field: description"), label);
            bob.awaitText("#dirty-state", "Unsaved changes");
            alice.awaitState("polling");

            alice.awaitText("#editing-summary", "Bob Jones is editing");
            alice.focusAvatar("rest-bob");
            Thread.sleep(1500); // three polls: the focus must survive them
            assertEquals("rest-bob", alice.focusedUserId(), "polling took the keyboard focus away");
            Path shot = alice.screenshot("demo-two-users");
            assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " looks empty");
            bob.screenshot("demo-two-users-bob");
        }
    }

    @Test
    void closingOnePageRemovesItsUserFromTheOtherPromptlyNotByTtl(PresenceServer server) throws Exception {
        try (DemoBrowser alice = new DemoBrowser(0);
                DemoBrowser bob = new DemoBrowser(1)) {
            alice.openWith(bob, server.baseUrl(), REST, "close", "WO-REST-2");

            Instant closed = Instant.now();
            bob.closeDemoPage();
            alice.awaitNoAvatar("close-bob", Duration.ofSeconds(10));
            Duration took = Duration.between(closed, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "left after " + took + "; the tab TTL is 90 s");
            alice.awaitText("presence-viewers .pv-empty", "No one else is here");
        }
    }

    @Test
    void fallsBackToRestWhenWebSocketIsUnavailable(PresenceServer server) throws Exception {
        ApiClient api = new ApiClient(URI.create(server.baseUrl()));
        // A WebSocket URL the server does not serve: the handshake gets a 404, as on a server without
        // the endpoint or behind a proxy that blocks upgrades.
        String auto = "transport=auto&poll=500&ws=/api/v1/no-websocket-here";
        try (DemoBrowser alice = new DemoBrowser(0);
                DemoBrowser bob = new DemoBrowser(1)) {
            alice.signInAndOpen(server.baseUrl(), auto, "fallback-alice", "Alice Smith", "WO-REST-3");
            bob.signInAndOpen(server.baseUrl(), REST, "fallback-bob", "Bob Jones", "WO-REST-3");
            alice.awaitState("polling");
            alice.awaitLog("connection: polling (rest)");
            alice.awaitAvatar("fallback-bob");
            bob.awaitAvatar("fallback-alice");

            String carol = api.token("fallback-carol", "Carol", "acme");
            JsonObject viewers = api.get("api/v1/presence/work_order/WO-REST-3/viewers", carol)
                    .data();
            assertEquals(2, viewers.getJsonArray("viewers").size(), viewers.toString());
        }
    }

    @Test
    void aPageOnAnotherOriginWorksThroughCorsAndItsCloseStillReachesTheServer(PresenceServer server) throws Exception {
        // Alice's page comes from another origin than the API it calls (localhost against 127.0.0.1):
        // every call is cross-origin, the sign-in, heartbeats and polls with a preflight each kind.
        String crossOrigin = REST + "&api=" + server.baseUrl();
        try (DemoBrowser alice = new DemoBrowser(0);
                DemoBrowser bob = new DemoBrowser(1)) {
            alice.signInAndOpen(
                    SharedPresenceServer.OTHER_ORIGIN, crossOrigin, "cors-alice", "Alice Smith", "WO-REST-5");
            bob.signInAndOpen(server.baseUrl(), REST, "cors-bob", "Bob Jones", "WO-REST-5");
            alice.awaitState("polling");
            alice.awaitAvatar("cors-bob");
            bob.awaitAvatar("cors-alice");
            assertTrue(
                    alice.driver().getCurrentUrl().startsWith(SharedPresenceServer.OTHER_ORIGIN),
                    alice.driver().getCurrentUrl());

            alice.type("field-description", " Cross-origin edit.");
            bob.awaitEditing("cors-alice");

            Instant closed = Instant.now();
            alice.closeDemoPage(); // the unregister beacon crosses origins too
            bob.awaitNoAvatar("cors-alice", Duration.ofSeconds(10));
            Duration took = Duration.between(closed, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "left after " + took + "; the tab TTL is 90 s");
        }
    }

    @Test
    void refusedTokenShowsNotConnectedWithTheReasonInsteadOfRetrying(PresenceServer server) throws Exception {
        try (DemoBrowser alice = new DemoBrowser(0)) {
            alice.signInAndOpen(server.baseUrl(), REST, "refused-alice", "Alice Smith", "WO-REST-4");
            alice.awaitState("polling");
            alice.driver()
                    .executeScript("const s = JSON.parse(sessionStorage.getItem('presence-demo'));"
                            + "s.token = 'not-a-jwt'; sessionStorage.setItem('presence-demo', JSON.stringify(s));");
            alice.driver().get(server.baseUrl() + "/demo/index.html?" + REST + "&wo=WO-REST-4");
            alice.awaitState("refused");
            alice.awaitText("presence-viewers .pv-state", "Not connected");
            alice.awaitLog("error: unauthenticated");
        }
    }
}
