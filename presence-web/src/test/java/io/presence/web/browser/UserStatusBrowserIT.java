package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two users on the user status demo (demo/status.html) in two real headless Chromium browsers against a
 * node of its own (port 18380; browsers on 18381-18386), over the WebSocket: Bob sees Alice go away
 * when her page is hidden, come back online when it is shown, and go offline when she closes it; Bob
 * sees Alice typing from her first keystroke until 3 s after her last one.
 *
 * <p>Hiding is real, not simulated: Alice's browser opens a new tab in front of the demo tab, as a user
 * switching tabs does, and Chromium itself makes the demo page hidden; closing that tab and switching
 * back shows it again.
 */
class UserStatusBrowserIT {

    private static final int PORT = 18380;
    /** Covers the server's 5 s rate limit between Alice's reports, the away delay and delivery. */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(20);

    private static PresenceServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(
                Files.isExecutable(DemoBrowser.CHROMIUM),
                "browser tests skipped: " + DemoBrowser.CHROMIUM + " is not installed");
        server = PresenceServer.start(PORT, Map.of());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bobSeesAliceGoAwayWhileHiddenBackOnlineWhenShownAndOfflineWhenClosed() throws Exception {
        try (DemoBrowser alice = new DemoBrowser(18381, 18383);
                DemoBrowser bob = new DemoBrowser(18382, 18384)) {
            signIn(alice, "vis-alice", "Alice Smith", "c-vis");
            signIn(bob, "vis-bob", "Bob Jones", "c-vis");
            awaitStatus(bob, "vis-alice", "online");
            awaitStatus(alice, "vis-bob", "online");

            alice.hideDemoPage();
            awaitStatus(bob, "vis-alice", "away");
            String label = statusOf(bob, "vis-alice").getAttribute("aria-label");
            assertTrue(label.startsWith("vis-alice is away, last seen"), label);
            assertTrue(statusOf(bob, "vis-alice").getText().contains("Away"), "the status is said in words too");

            alice.showDemoPage();
            awaitStatus(bob, "vis-alice", "online");
            assertEquals("vis-alice is online", statusOf(bob, "vis-alice").getAttribute("aria-label"));

            alice.closeDemoPage();
            awaitStatus(bob, "vis-alice", "offline");
            assertTrue(statusOf(bob, "vis-alice")
                    .getAttribute("aria-label")
                    .startsWith("vis-alice is offline, last seen"));
        }
    }

    @Test
    void bobSeesAliceTypingUntilThreeSecondsAfterHerLastKeystroke() throws Exception {
        try (DemoBrowser alice = new DemoBrowser(18381, 18383);
                DemoBrowser bob = new DemoBrowser(18382, 18384)) {
            signIn(alice, "typ-alice", "Alice Smith", "c-typ");
            signIn(bob, "typ-bob", "Bob Jones", "c-typ");
            awaitStatus(bob, "typ-alice", "online");

            alice.type("message", "H");
            wait(
                    bob,
                    "Alice's typing indicator",
                    ExpectedConditions.attributeToBe(By.id("typing"), "data-typing", "typ-alice"));
            assertEquals("typ-alice is typing…", bob.text("#typing"));
            alice.type("message", "ello Bob");
            long lastKeystroke = System.nanoTime();

            wait(
                    bob,
                    "the typing indicator to clear",
                    ExpectedConditions.attributeToBe(By.id("typing"), "data-typing", ""));
            long cleared = Duration.ofNanos(System.nanoTime() - lastKeystroke).toMillis();
            assertTrue(cleared >= 2500, "cleared " + cleared + " ms after the last keystroke, before 3 s of idle");
            assertEquals("", bob.text("#typing"));
            assertEquals(
                    Boolean.FALSE,
                    alice.driver().executeScript("return window.statusDemo.typing.reporter.typing;"),
                    "Alice's page told the server she stopped (is_typing false), the server's expiry was not needed");
            assertTrue(
                    bob.log().stream().anyMatch(line -> line.contains("typ-alice stopped typing")),
                    bob.log().toString());
        }
    }

    @Test
    void typingRequestsFollowTheKeystrokeIdleAndIntervalRules() throws Exception {
        try (DemoBrowser browser = new DemoBrowser(18385, 18386)) {
            browser.openDemoPage(server.baseUrl() + "/demo/status.html");
            // Time scaled down ten times: idle 300 ms, at most one request per 200 ms, refresh every 300 ms.
            Object sent = browser.driver()
                    .executeAsyncScript(
                            """
                            const done = arguments[arguments.length - 1];
                            import('/presence/typing.js').then(async (m) => {
                              const t0 = performance.now(), sent = [];
                              const r = new m.TypingReporter((t) => { sent.push([Math.round((performance.now() - t0) / 100), t]); },
                                {idleMs: 300, minIntervalMs: 200, refreshMs: 300});
                              const sleep = (ms) => new Promise((s) => setTimeout(s, ms));
                              r.keystroke();
                              for (let i = 0; i < 8; i++) { await sleep(100); r.keystroke(); }
                              await sleep(600);
                              r.keystroke(); await sleep(50); r.stopped(); await sleep(50); r.keystroke();
                              await sleep(700);
                              done(sent.map(([t, v]) => t + ':' + v));
                            }).catch((e) => done('error: ' + e));""");
            // true at once, refreshed every 3 while typing, false 3 after the last key (8), true again at
            // once (14), the stop at 14.5 held back by the 2-interval and cancelled by the key at 15,
            // no refresh at 17 as the idle false is due within 2, false at 18 (3 after 15).
            assertEquals(List.of("0:true", "3:true", "6:true", "9:true", "11:false", "14:true", "18:false"), sent);
        }
    }

    private static void signIn(DemoBrowser browser, String userId, String name, String conversation) {
        String participants = userId.substring(0, 4) + "alice," + userId.substring(0, 4) + "bob";
        browser.openDemoPage(server.baseUrl() + "/demo/status.html?transport=websocket&away=500&conversation="
                + conversation + "&participants=" + participants);
        browser.fill("user-id", userId);
        browser.fill("user-name", name);
        browser.driver().findElement(By.id("login-button")).click();
        wait(browser, "the live connection", d -> browser.log().stream().anyMatch(l -> l.contains("connection: live")));
    }

    private static org.openqa.selenium.WebElement statusOf(DemoBrowser browser, String userId) {
        return browser.driver()
                .findElement(By.cssSelector("#users [data-user-id='" + userId + "'] presence-user-status"));
    }

    private static void awaitStatus(DemoBrowser browser, String userId, String status) {
        new WebDriverWait(browser.driver(), STATUS_WAIT)
                .withMessage(() -> userId + " shown " + status + "; log: " + browser.log())
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#users [data-user-id='" + userId + "'] presence-user-status[data-status='" + status + "']")));
    }

    private static <T> void wait(
            DemoBrowser browser,
            String what,
            java.util.function.Function<? super org.openqa.selenium.WebDriver, T> until) {
        new WebDriverWait(browser.driver(), DemoBrowser.WAIT)
                .withMessage(() -> "waited for " + what + "; log: " + browser.log())
                .until(until);
    }
}
