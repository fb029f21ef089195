package io.presence.web.seed;

import org.junit.jupiter.api.Test;

/**
 * The client's React and Alpine bindings, in two headless Chromiums signed in by cookie: each user sees
 * the other arrive, start editing and leave as it happens (pushed, not polled), and resource events of
 * the type arrive (React's hook with seed 004's verbs, Alpine's component with the declared actions).
 */
class ClientBindingsBrowserIT extends TwoUsersInBrowsers {

    @Test
    void reactBindingPushesViewersEditingAndEvents() throws Exception {
        twoUsersOn("bindings-react.html", "WO-react", "update"); // seed 004's verb
    }

    @Test
    void alpineBindingPushesViewersEditingAndEvents() throws Exception {
        twoUsersOn("bindings-alpine.html", "WO-alpine", "updated"); // the declared action
    }

    private static void twoUsersOn(String page, String workOrder, String action) throws Exception {
        users.alice.open(page + "?wo=" + workOrder);
        users.bob.open(page + "?wo=" + workOrder);
        users.alice.awaitElement("Bob on Alice's page", "#viewers li[data-user-id='102']");
        users.bob.awaitElement("Alice on Bob's page", "#viewers li[data-user-id='101']");
        users.alice.await(
                "Bob's name",
                "document.querySelector(\"#viewers li[data-user-id='102']\").textContent === 'Bob Jones'");

        users.bob.script("document.getElementById('dirty').click();");
        users.alice.awaitElement("Bob editing, on Alice's page", "#viewers li[data-user-id='102'][data-mode='edit']");

        users.publishUntil("update", "WO-listed", () -> hasUpdate(users.alice, action) && hasUpdate(users.bob, action));

        users.bob.get(SeedClientsNode.ORIGIN + "/api/v1/whoami"); // Bob leaves the record
        users.alice.await("Bob gone from Alice's page", "!document.querySelector(\"#viewers li[data-user-id='102']\")");
    }

    private static boolean hasUpdate(SeedBrowser browser, String action) {
        return Boolean.TRUE.equals(browser.script("return !!document.querySelector(\"#updates li[data-action='" + action
                + "'][data-id='WO-listed']\");"));
    }
}
