package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two users in two real headless Chromium browsers with the client forced onto the WebSocket: live
 * join, edit and leave; recovery after the server closes the socket; resource events as a notice.
 */
@ExtendWith(SharedPresenceServer.class)
class WebSocketPresenceBrowserIT {

    private static final String WS = "transport=websocket";

    @Test
    void joinEditAndLeaveArriveLiveOverWebSocket(PresenceServer server) throws Exception {
        try (DemoBrowser alice = new DemoBrowser(2);
                DemoBrowser bob = new DemoBrowser(3)) {
            alice.openWith(bob, server.baseUrl(), WS, "ws", "WO-WS-1");
            alice.awaitState("live");
            alice.awaitLog("connection: live (websocket)");

            bob.type("field-title", " urgent");
            alice.awaitEditing("ws-bob");
            assertTrue(alice.avatar("ws-bob").getAttribute("aria-label").contains("field: title"));

            bob.closeDemoPage();
            alice.awaitNoAvatar("ws-bob", Duration.ofSeconds(5));
        }
    }

    @Test
    void joinEditAndLeaveArriveLiveOverTheOwnWebSocketListener(PresenceServer server) throws Exception {
        String ownListener = URLEncoder.encode(
                "http://127.0.0.1:" + SharedPresenceServer.WS_PORT + "/api/v1/ws", StandardCharsets.UTF_8);
        try (DemoBrowser alice = new DemoBrowser(2);
                DemoBrowser bob = new DemoBrowser(3)) {
            alice.openWith(bob, server.baseUrl(), WS + "&ws=" + ownListener, "wsl", "WO-WS-5");
            alice.awaitState("live");
            alice.awaitLog("connection: live (websocket)");

            bob.type("field-title", " urgent");
            alice.awaitEditing("wsl-bob");

            bob.closeDemoPage();
            alice.awaitNoAvatar("wsl-bob", Duration.ofSeconds(5));
        }
    }

    @Test
    void autoTransportChoosesWebSocketWhenTheServerHasIt(PresenceServer server) throws Exception {
        try (DemoBrowser alice = new DemoBrowser(2)) {
            alice.signInAndOpen(server.baseUrl(), "transport=auto", "auto-alice", "Alice Smith", "WO-WS-4");
            alice.awaitLog("connection: live (websocket)");
            assertTrue(
                    alice.log().stream().noneMatch(line -> line.contains("(rest)")),
                    alice.log().toString());
        }
    }

    @Test
    void serverSideCloseShowsReconnectingAndRecovers(PresenceServer server) throws Exception {
        ApiClient api = new ApiClient(URI.create(server.baseUrl()));
        try (DemoBrowser alice = new DemoBrowser(2);
                DemoBrowser bob = new DemoBrowser(3)) {
            alice.openWith(bob, server.baseUrl(), WS, "kill", "WO-WS-2");

            ApiClient.Reply closed =
                    api.post("api/v1/dev/ws/close", api.token("kill-alice", "Alice Smith", "acme"), "{}");
            assertEquals(200, closed.status(), closed.toString());
            alice.awaitLog("connection: reconnecting (websocket)");
            alice.awaitState("live");
            assertTrue(
                    alice.log().get(0).contains("connection: live"), alice.log().toString());

            bob.type("field-quantity", "0");
            alice.awaitEditing("kill-bob");
            bob.awaitAvatar("kill-alice");
        }
    }

    @Test
    void resourceEventForTheOpenRecordShowsAsNotice(PresenceServer server) throws Exception {
        ApiClient api = new ApiClient(URI.create(server.baseUrl()));
        try (DemoBrowser alice = new DemoBrowser(2)) {
            alice.signInAndOpen(server.baseUrl(), WS, "event-alice", "Alice Smith", "WO-WS-3");
            alice.awaitState("live");
            String event = Json.createObjectBuilder()
                    .add("resource_type", "work_order")
                    .add("resource_id", "WO-WS-3")
                    .add("action", "updated")
                    .add("user_id", "event-carol")
                    .add("user", "Carol White")
                    .add("data", Json.createObjectBuilder().add("status", "released"))
                    .build()
                    .toString();
            String publisher = api.token(
                    "orders-app", "Orders application", new String[] {"acme"}, new String[] {"presence-publisher"});
            ApiClient.Reply posted = api.post("api/v1/events", publisher, event);
            assertTrue(posted.status() / 100 == 2, posted.toString());
            alice.awaitText("#notice", "updated by");
            assertTrue(alice.text("#notice a").contains("Reload"));
        }
    }
}
