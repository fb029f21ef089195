package io.presence.web.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The seeds' own web clients, unchanged but for the host, in two headless Chromiums signed in by cookie:
 * seed 001's Alpine component and React hook (which poll: a user sees who was there when the page
 * loaded), seed 004's hooks (on the React binding as their {@code @/hooks/usePresence}) and its
 * console WebSocket snippet. Each time the two users see each other, and resource events arrive.
 */
class SeedClientsBrowserIT extends TwoUsersInBrowsers {

    @Test
    void seed001AlpineComponentShowsTheOtherViewerByName() throws Exception {
        users.alice.open("seed001-alpine-101.html");
        users.awaitViewers("flow", "FL-seed001-alpine", "[101]");
        users.bob.open("seed001-alpine-102.html");
        users.bob.awaitElement("Alice's avatar on Bob's page", "div[title='Alice Smith']");
        assertEquals("A", users.bob.texts("div[title='Alice Smith']").get(0));
        users.awaitViewers("flow", "FL-seed001-alpine", "[101, 102]");

        users.alice.open("seed001-alpine-101.html"); // the component loads viewers when the page loads
        users.alice.awaitElement("Bob's avatar on Alice's page", "div[title='Bob Jones']");
        assertEquals("B", users.alice.texts("div[title='Bob Jones']").get(0));
    }

    @Test
    void seed001ReactHookShowsTheOtherViewerByName() throws Exception {
        users.alice.open("seed001-react.html?flow=FL-react");
        users.awaitViewers("flow", "FL-react", "[101]");
        users.bob.open("seed001-react.html?flow=FL-react");
        users.bob.awaitElement("Alice's avatar on Bob's page", "div[title='Alice Smith']");
        users.awaitViewers("flow", "FL-react", "[101, 102]");

        users.alice.open("seed001-react.html?flow=FL-react");
        users.alice.awaitElement("Bob's avatar on Alice's page", "div[title='Bob Jones']");
        assertEquals("B", users.alice.texts("div[title='Bob Jones']").get(0));
    }

    @Test
    void seed004HooksReportEditingAndRefetchOnUpdates() throws Exception {
        users.alice.open("seed004-hooks.html?wo=WO-hooks");
        users.bob.open("seed004-hooks.html?wo=WO-hooks");
        users.awaitViewers("work_order", "WO-hooks", "[101, 102]");
        // seed 004's own check: the query form, fetched by the page with its session cookie
        Object bobsTabs = users.alice.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/presence?resource_type=work_order&resource_id=WO-hooks')"
                + ".then(r => r.json()).then(tabs => done(tabs.filter(t => t.user_id === '102')"
                + ".map(t => t.username + ':' + t.action).join()));");
        assertEquals("Bob Jones:editing", bobsTabs);

        users.publishUntil("update", "WO-77", () -> fetched(users.alice) > 0 && fetched(users.bob) > 0);
        long before = fetched(users.alice);
        users.publishUntil("create", "WO-78", () -> fetched(users.alice) > before);
    }

    private static long fetched(SeedBrowser browser) {
        return ((Number) browser.script("return window.fetchCount;")).longValue();
    }

    @Test
    void seed004WebSocketSnippetSeesTheOtherUserAndTheEvents() throws Exception {
        for (SeedBrowser browser : new SeedBrowser[] {users.alice, users.bob}) {
            browser.open("seed004-ws.html");
            browser.await("the snippet's socket open", "typeof ws !== 'undefined' && ws.readyState === 1");
            browser.script("eval(document.getElementById('console-step-2').textContent);"); // typed into the console
        }
        users.alice.await(
                "Bob joining WO-1234 on Alice's socket",
                "received.some(m => m.type === 'diff' && m.kind === 'join' && m.tab.user_id === '102'"
                        + " && m.viewer.name === 'Bob Jones')");
        users.bob.await(
                "Alice on WO-1234 on Bob's socket",
                "received.some(m => (m.type === 'snapshot' && m.viewers.some(v => v.id === '101'))"
                        + " || (m.type === 'diff' && m.tab.user_id === '101'))");
        String updated =
                "received.some(m => m.type === 'work_order_updated' && m.id === 'WO-1234' && m.user === 'jsmith')";
        users.publishUntil("update", "WO-1234", () -> seen(users.alice, updated) && seen(users.bob, updated));
        assertTrue(seen(users.alice, "received.some(m => m.type === 'work_order_updated' && m.user_id === '5')"));
    }

    private static boolean seen(SeedBrowser browser, String expression) {
        return Boolean.TRUE.equals(browser.script("return !!(" + expression + ");"));
    }
}
