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
            signInBoth(alice, bob, "vis");

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
            signInBoth(alice, bob, "typ");

            alice.type("message", "H");
            wait(bob, "Alice's typing indicator", typingShown("typ-alice"));
            assertEquals("typ-alice is typing…", bob.text("#typing"));
            alice.type("message", "ello Bob");
            long lastKeystroke = System.nanoTime();

            wait(bob, "the typing indicator to clear", typingShown(""));
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
    void aPagePollingOverRestReportsItsStatusAndSeesOthersStatusAndTyping() throws Exception {
        try (DemoBrowser alice = new DemoBrowser(18381, 18383);
                DemoBrowser bob = new DemoBrowser(18382, 18384)) {
            signIn(alice, "rest-alice", "Alice Smith", "rest", "transport=websocket");
            signIn(bob, "rest-bob", "Bob Jones", "rest", "transport=rest&poll=500");
            assertTrue(
                    bob.log().stream().anyMatch(line -> line.contains("connection: polling (rest)")),
                    bob.log().toString());
            awaitStatus(alice, "rest-bob", "online");
            awaitStatus(bob, "rest-alice", "online");

            alice.type("message", "Hi");
            wait(bob, "Alice's typing indicator", typingShown("rest-alice"));
            wait(bob, "the typing indicator to clear", typingShown(""));

            alice.closeDemoPage();
            awaitStatus(bob, "rest-alice", "offline");
        }
    }

    @Test
    void typingRequestsFollowTheKeystrokeIdleAndIntervalRules() throws Exception {
        try (DemoBrowser browser = new DemoBrowser(18385, 18386)) {
            browser.openDemoPage(server.baseUrl() + "/demo/status.html");
            // Time in units of 250 ms (idle 3 units, at most one request per 2, refresh every 3), so that
            // a timer late by less than half a unit on a busy machine changes nothing.
            Object sent = run(
                    browser,
                    "typing.js",
                    """
                    const r = new m.TypingReporter((t) => { sent.push(at() + ':' + t); },
                      {idleMs: 3 * U, minIntervalMs: 2 * U, refreshMs: 3 * U});
                    r.keystroke();
                    for (let i = 0; i < 8; i++) { await sleep(U); r.keystroke(); }
                    await sleep(6 * U);
                    r.keystroke(); await sleep(U / 2); r.stopped(); await sleep(U / 2); r.keystroke();
                    await sleep(7 * U);""");
            // true at once, refreshed every 3 while typing, false 3 after the last key (8), true again at
            // once (14), the stop at 14.5 held back by the 2-unit interval and cancelled by the key at 15,
            // no refresh at 17 as the idle false is due within 2, false at 18 (3 after 15).
            assertEquals(List.of("0:true", "3:true", "6:true", "9:true", "11:false", "14:true", "18:false"), sent);
        }
    }

    @Test
    void statusReportsWaitForTheRateLimitKeepOnlyTheLatestAndRetryWhenRefused() throws Exception {
        try (DemoBrowser browser = new DemoBrowser(18385, 18386)) {
            browser.openDemoPage(server.baseUrl() + "/demo/status.html");
            // Units of 250 ms: one report per 4 units; the first "away" is refused with retry_after 6 units.
            Object sent = run(
                    browser,
                    "status-reporter.js",
                    """
                    let refuse = true;
                    const r = new m.StatusReporter({minIntervalMs: 4 * U, ready: () => true, send: (s) => {
                      sent.push(at() + ':' + s);
                      if (s === 'away' && refuse) {
                        refuse = false;
                        return Promise.reject({code: 'rate_limited', details: {retry_after_ms: 6 * U}});
                      }
                      return Promise.resolve({status: s});
                    }}, {accepted: () => {}, refused: () => {}});
                    r.set('online');
                    await sleep(U); r.set('away'); r.set('online'); r.set('away');
                    await sleep(11 * U); r.set('online');
                    await sleep(U); r.set('online');
                    await sleep(6 * U);""");
            // online at once; of three wishes within the interval only the last (away) goes, at 4; refused,
            // it goes again 6 units later (10); online asked at 12 waits for 14; the same status again sends nothing.
            assertEquals(List.of("0:online", "4:away", "10:away", "14:online"), sent);
        }
    }

    /**
     * Signs {@code <prefix>-alice} and {@code <prefix>-bob} in on the demo over the WebSocket (away after 500 ms
     * hidden), both participants of conversation {@code c-<prefix>}, and waits until each sees the other online.
     */
    private static void signInBoth(DemoBrowser alice, DemoBrowser bob, String prefix) {
        signIn(alice, prefix + "-alice", "Alice Smith", prefix);
        signIn(bob, prefix + "-bob", "Bob Jones", prefix);
        awaitStatus(bob, prefix + "-alice", "online");
        awaitStatus(alice, prefix + "-bob", "online");
    }

    private static void signIn(DemoBrowser browser, String userId, String name, String prefix) {
        signIn(browser, userId, name, prefix, "transport=websocket");
    }

    /** Signs in on the demo page opened with {@code query} (e.g. {@code transport=rest&poll=500}). */
    private static void signIn(DemoBrowser browser, String userId, String name, String prefix, String query) {
        browser.openDemoPage(server.baseUrl() + "/demo/status.html?" + query + "&away=500&conversation=c-" + prefix
                + "&participants=" + prefix + "-alice," + prefix + "-bob");
        browser.fill("user-id", userId);
        browser.fill("user-name", name);
        browser.driver().findElement(By.id("login-button")).click();
        wait(browser, "the connection", d -> browser.log().stream()
                .anyMatch(l -> l.contains("connection: live") || l.contains("connection: polling")));
    }

    /**
     * Runs {@code body} in the page with the module {@code /presence/<module>} as {@code m}, a unit of time
     * {@code U} (ms), {@code sleep(ms)}, {@code at()} (units since the start, rounded) and an array {@code sent};
     * returns {@code sent}.
     */
    private static Object run(DemoBrowser browser, String module, String body) {
        return browser.driver()
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "import('/presence/" + module + "').then(async (m) => {"
                        + " const U = 250, t0 = performance.now(), sent = [];"
                        + " const at = () => Math.round((performance.now() - t0) / U);"
                        + " const sleep = (ms) => new Promise((s) => setTimeout(s, ms));"
                        + body + " done(sent); }).catch((e) => done('error: ' + e));");
    }

    /**
     * The typing indicator lists exactly these user ids ({@code data-typing}; "" for nobody). Read by script:
     * Selenium's attributeToBe takes an empty attribute for a missing one.
     */
    private static java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> typingShown(String userIds) {
        return d -> userIds.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.getElementById('typing').dataset.typing;"));
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
