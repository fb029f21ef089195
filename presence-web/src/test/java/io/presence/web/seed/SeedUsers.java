package io.presence.web.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.web.ApiClient;
import io.presence.web.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Two users of one tenant of their own (ids 101 and 102, as the seeds' applications number users), each
 * in a browser, and a publisher (the domain application) that announces record changes.
 */
final class SeedUsers implements AutoCloseable {

    final ApiClient api = SeedClientsNode.api();
    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    final String aliceToken = api.token("101", "Alice Smith", tenant);
    final String bobToken = api.token("102", "Bob Jones", tenant);
    final String publisher = api.token("erp", "ERP", new String[] {tenant}, new String[] {"presence-publisher"});
    final SeedBrowser alice;
    final SeedBrowser bob;

    private SeedUsers() throws IOException {
        alice = new SeedBrowser(0).signIn(aliceToken);
        bob = new SeedBrowser(1).signIn(bobToken);
    }

    /** Both browsers, signed in; skips the test class when Chromium is not installed. */
    static SeedUsers open() throws IOException {
        assumeTrue(
                Files.isExecutable(HeadlessChromium.CHROMIUM),
                "browser tests skipped: " + HeadlessChromium.CHROMIUM + " is not installed (.ci/run installs it)");
        return new SeedUsers();
    }

    /** The ids of the users REST lists on a record, as bob sees it (bob included). */
    String viewersOf(String type, String id) {
        return api
                .get("api/v1/presence/" + type + "/" + id + "/viewers?include_self=true", bobToken)
                .data()
                .getJsonArray("viewers")
                .getValuesAs(jakarta.json.JsonObject.class)
                .stream()
                .map(v -> v.getString("id"))
                .sorted()
                .toList()
                .toString();
    }

    /** Waits until REST lists exactly these users on a record, e.g. {@code "[101, 102]"}. */
    void awaitViewers(String type, String id, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + SeedBrowser.WAIT.toNanos();
        String seen = viewersOf(type, id);
        while (!seen.equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("viewers of " + type + "/" + id + ": " + seen + ", expected " + expected);
            }
            Thread.sleep(100);
            seen = viewersOf(type, id);
        }
    }

    /**
     * Publishes {@code action} on a work order until {@code arrived} holds: a page subscribes once its
     * socket is open, and an event published before that is not for it.
     */
    void publishUntil(String action, String workOrder, BooleanSupplier arrived) throws InterruptedException {
        long deadline = System.nanoTime() + SeedBrowser.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertEquals(
                    200,
                    api.post(
                                    "api/v1/events",
                                    publisher,
                                    "{\"resource_type\":\"work_order\",\"resource_id\":\"" + workOrder
                                            + "\",\"action\":\"" + action + "\",\"user_id\":5,\"user\":\"jsmith\"}")
                            .status());
            long pause = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < pause) {
                if (arrived.getAsBoolean()) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the " + action + " event of " + workOrder + " never reached the pages");
    }

    @Override
    public void close() {
        try {
            alice.close();
        } finally {
            bob.close();
        }
    }
}
