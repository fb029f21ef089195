package io.presence.web.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page of another origin (port 18371: same site, so the browser sends the user's cookie along) tries to
 * act as the signed-in user: a form that posts a heartbeat, and a WebSocket to the node. The browser
 * sends the cookie both times; the node refuses both, for want of the CSRF header and of an allowed
 * origin.
 */
class CrossSiteBrowserIT extends TwoUsersInBrowsers {

    static final int OTHER_PORT = 18371;
    static final String OTHER_ORIGIN = "http://127.0.0.1:" + OTHER_PORT;
    static HttpServer otherSite;

    @BeforeAll
    static void start() throws Exception {
        otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", OTHER_PORT), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><title>another site</title><form id=forge method=POST enctype=text/plain"
                            + " action='" + SeedClientsNode.ORIGIN + "/api/v1/presence/work_order/WO-forged/heartbeat'>"
                            + "<input name='{\"tab_id\":\"forged\",\"x\":\"' value='\"}'></form>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
    }

    @AfterAll
    static void stop() {
        if (otherSite != null) {
            otherSite.stop(0);
        }
    }

    @Test
    void aFormPostedFromAnotherOriginWithTheCookieIsRefused() throws Exception {
        users.alice.get(OTHER_ORIGIN + "/");
        users.alice.script("document.getElementById('forge').submit();");
        users.alice.await("the node's answer to the forged form", "document.body.innerText.includes('\"success\"')");
        String answer = (String) users.alice.script("return document.body.innerText;");
        assertTrue(answer.contains("csrf_required"), "the cookie arrived and the guard refused: " + answer);
        assertEquals("[]", users.viewersOf("work_order", "WO-forged"));
    }

    @Test
    void aWebSocketFromAnotherOriginWithTheCookieIsClosed() {
        users.alice.get(OTHER_ORIGIN + "/");
        @SuppressWarnings("unchecked")
        Map<String, Object> closed =
                (Map<String, Object>) users.alice.asyncScript("const done = arguments[arguments.length - 1];"
                        + "const ws = new WebSocket('ws://127.0.0.1:" + SeedClientsNode.PORT + "/api/v1/ws');"
                        + "ws.onclose = (e) => done({code: e.code, reason: e.reason});");
        assertEquals(1008L, ((Number) closed.get("code")).longValue());
        assertTrue(String.valueOf(closed.get("reason")).startsWith("origin_not_allowed"), closed.toString());
    }
}
