package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.Json;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Field locks and record lifecycle on the demo's sales order, with two users in two real headless
 * Chromium browsers: the field Alice focuses is locked for Bob (read-only, a badge naming her) until
 * she leaves it, then Bob, whose focus is still there, takes it; a back-end process's MUTATING shows
 * both a banner and pauses their forms, and its MUTATED gives the forms back at the next version.
 * Once over the WebSocket and once over REST polling.
 */
@ExtendWith(SharedPresenceServer.class)
class FieldLocksBrowserIT {

    private static final String CUSTOMER = "order-customer";
    private static final List<String> ORDER_CONTROLS = List.of(
            "order-customer", "order-totalAmount", "order-deliveryDate", "order-status", "order-note", "save-button");

    @Test
    void focusedFieldIsLockedForTheOtherUserAndAMutatingRecordPausesBothFormsOverWebSocket(PresenceServer server)
            throws Exception {
        lockThenLifecycle(server, "transport=websocket", "lkws", "SO-LOCK-WS");
    }

    @Test
    void focusedFieldIsLockedForTheOtherUserAndAMutatingRecordPausesBothFormsOverRestPolling(PresenceServer server)
            throws Exception {
        lockThenLifecycle(server, "transport=rest&poll=400", "lkrest", "SO-LOCK-REST");
    }

    private static void lockThenLifecycle(PresenceServer server, String query, String prefix, String orderId)
            throws Exception {
        String aliceId = prefix + "-alice";
        String bobId = prefix + "-bob";
        try (DemoBrowser alice = new DemoBrowser(5);
                DemoBrowser bob = new DemoBrowser(6)) {
            alice.openWith(bob, server.baseUrl(), query, prefix, "order", orderId);

            alice.click(CUSTOMER);
            alice.awaitLog("lock of customer: granted");
            awaitBadge(alice, "customer", aliceId);
            assertEquals("true", badge(alice, "customer").getAttribute("data-mine"));
            awaitBadge(bob, "customer", aliceId);
            assertTrue(
                    badge(bob, "customer").getAttribute("aria-label").contains("Alice Smith"),
                    badge(bob, "customer").getAttribute("aria-label"));
            awaitReadOnly(bob, CUSTOMER, true);

            bob.click(CUSTOMER);
            bob.awaitLog("lock of customer: refused, held by Alice Smith");
            assertTrue(readOnly(bob, CUSTOMER));
            assertEquals(aliceId, bob.script("return window.presenceDemo.client.lockOf('customer').user_id"));
            assertEquals(false, bob.script("return window.presenceDemo.client.holdsLock('customer')"));
            assertTrue(badge(bob, "customer").getText().contains("Alice Smith"));

            alice.click("record-title");
            alice.awaitLog("lock of customer: released");
            bob.awaitLog("lock of customer: granted");
            awaitReadOnly(bob, CUSTOMER, false);
            awaitBadge(alice, "customer", bobId);
            assertTrue(badge(alice, "customer").getAttribute("aria-label").contains("Bob Jones"));
            awaitReadOnly(alice, CUSTOMER, true);
            bob.type(CUSTOMER, Keys.END + " Ltd");
            assertEquals("Northwind Traders Ltd", value(bob, CUSTOMER));
            bob.screenshot(prefix + "-bob-holds-customer");

            bob.click("record-title");
            awaitNoBadge(alice, "customer");
            awaitReadOnly(alice, CUSTOMER, false);

            long version = ((Number) alice.script("return window.presenceDemo.client.record.version")).longValue();
            publishLifecycle(server, orderId, prefix + "-import-1", "MUTATING");
            for (DemoBrowser browser : List.of(alice, bob)) {
                browser.awaitThat(
                        "the stale banner", d -> "stale".equals(banner(browser).getAttribute("data-state")));
                assertTrue(
                        banner(browser).getText().contains("Being modified by Nightly import"),
                        banner(browser).getText());
                browser.awaitThat(
                        "the order form disabled", d -> ORDER_CONTROLS.stream().noneMatch(id -> enabled(browser, id)));
            }
            alice.screenshot(prefix + "-alice-stale");

            publishLifecycle(server, orderId, prefix + "-import-2", "MUTATED");
            for (DemoBrowser browser : List.of(alice, bob)) {
                browser.awaitThat("the stale banner to go", d -> "updated"
                        .equals(banner(browser).getAttribute("data-state")));
                assertFalse(
                        banner(browser).getText().contains("Being modified"),
                        banner(browser).getText());
                assertTrue(
                        banner(browser).getText().contains("version " + (version + 1)),
                        banner(browser).getText());
                browser.awaitThat(
                        "the order form enabled", d -> ORDER_CONTROLS.stream().allMatch(id -> enabled(browser, id)));
                browser.awaitText("#record-version", "version " + (version + 1));
            }
        }
    }

    private static void publishLifecycle(PresenceServer server, String orderId, String eventId, String phase) {
        ApiClient api = new ApiClient(URI.create(server.baseUrl()));
        String publisher = api.token(
                "orders-app", "Orders application", new String[] {"acme"}, new String[] {"presence-publisher"});
        String event = Json.createObjectBuilder()
                .add("event_id", eventId)
                .add("phase", phase)
                .add("busy_by", "Nightly import")
                .build()
                .toString();
        ApiClient.Reply reply = api.post("api/v1/records/order/" + orderId + "/lifecycle", publisher, event);
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.data().getBoolean("applied"), reply.toString());
    }

    private static WebElement badge(DemoBrowser browser, String field) {
        return browser.driver().findElement(By.cssSelector("presence-lock-badge[field='" + field + "']"));
    }

    private static WebElement banner(DemoBrowser browser) {
        return browser.driver().findElement(By.id("stale-banner"));
    }

    private static void awaitBadge(DemoBrowser browser, String field, String holder) {
        browser.awaitThat(
                "the lock badge of " + field + " naming " + holder,
                d -> holder.equals(badge(browser, field).getAttribute("data-holder"))
                        && badge(browser, field).isDisplayed());
    }

    private static void awaitNoBadge(DemoBrowser browser, String field) {
        browser.awaitThat(
                "no lock badge on " + field,
                d -> "".equals(badge(browser, field).getAttribute("data-holder"))
                        && !badge(browser, field).isDisplayed());
    }

    private static void awaitReadOnly(DemoBrowser browser, String id, boolean readOnly) {
        browser.awaitThat(id + (readOnly ? " read-only" : " editable"), d -> readOnly(browser, id) == readOnly);
    }

    private static boolean readOnly(DemoBrowser browser, String id) {
        return "true".equals(browser.driver().findElement(By.id(id)).getDomProperty("readOnly"));
    }

    private static boolean enabled(DemoBrowser browser, String id) {
        return browser.driver().findElement(By.id(id)).isEnabled();
    }

    private static String value(DemoBrowser browser, String id) {
        return browser.driver().findElement(By.id(id)).getDomProperty("value");
    }
}
