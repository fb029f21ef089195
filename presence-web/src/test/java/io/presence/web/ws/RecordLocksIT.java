package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Field locks and record state on one real node: over WebSocket (lock, unlock, what watchers see, a
 * dropped holder) and over REST (locks, the fencing-token check, lifecycle events, seed 001's
 * compare-and-bump), with bad input answered by errors that name the field.
 */
@ExtendWith(SingleNode.class)
class RecordLocksIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static PayaraNode node;
    static ApiClient api;
    static String alice;
    static String bob;
    static String auditor;
    static String publisher;

    @BeforeAll
    static void tokens() {
        node = SingleNode.node();
        api = new ApiClient(URI.create("http://127.0.0.1:" + node.port() + "/"));
        alice = api.token("u1", "Alice", "acme");
        bob = api.token("u2", "Bob", "acme");
        auditor = api.token("u3", "Audrey", new String[] {"acme"}, new String[] {"orders-read-only"});
        publisher = api.token("erp", "ERP", new String[] {"acme"}, new String[] {"presence-publisher"});
    }

    private static WsTestClient connect(String token) {
        return WsTestClient.connect(node.port(), token, "acme");
    }

    private static String order() {
        return "O-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void present(WsTestClient client, String id, String tab) {
        present(client, id, tab, "edit");
    }

    private static void present(WsTestClient client, String id, String tab, String mode) {
        client.send("{\"type\":\"presence\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\",\"tab_id\":\""
                + tab + "\",\"mode\":\"" + mode + "\"}");
        client.next("snapshot");
    }

    private static String lock(String id, String tab, String field, int ref) {
        return "{\"type\":\"lock\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\",\"tab_id\":\"" + tab
                + "\",\"field\":\"" + field + "\",\"ref\":" + ref + "}";
    }

    private static String unlock(String id, String field, int ref) {
        return "{\"type\":\"unlock\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\",\"field\":\"" + field
                + "\",\"ref\":" + ref + "}";
    }

    private static JsonObject awaitType(WsTestClient client, String type) {
        return client.await(m -> m.getString("type").equals(type), WAIT);
    }

    @Test
    void aLockIsOneHoldersAndWatchersSeeItInTheRecordsSeries() {
        String id = order();
        try (WsTestClient a = connect(alice);
                WsTestClient b = connect(bob)) {
            present(a, id, "tab-a");
            present(b, id, "tab-b");
            a.send(lock(id, "tab-a", "totalAmount", 1));
            JsonObject ack = awaitType(a, "lock_ack");
            assertTrue(ack.getBoolean("success"), ack::toString);
            assertEquals(1, ack.getInt("ref"));
            long token = ack.getJsonObject("lock").getJsonNumber("token").longValue();

            JsonObject locked = awaitType(b, "locked");
            assertEquals("u1", locked.getJsonObject("lock").getString("user_id"));
            assertEquals("Alice", locked.getJsonObject("lock").getString("user_name"));
            assertEquals(
                    token, locked.getJsonObject("lock").getJsonNumber("token").longValue());

            b.send(lock(id, "tab-b", "totalAmount", 2));
            JsonObject refused = awaitType(b, "lock_ack");
            assertFalse(refused.getBoolean("success"));
            assertEquals("u1", refused.getJsonObject("held_by").getString("user_id"));

            b.send(unlock(id, "totalAmount", 3));
            JsonObject error = awaitType(b, "error");
            assertEquals("lock_held_by_other", error.getString("code"));
            assertEquals("totalAmount", error.getJsonObject("details").getString("field"));

            a.send(unlock(id, "totalAmount", 4));
            assertTrue(awaitType(a, "unlock_ack").getBoolean("released"));
            JsonObject unlocked = awaitType(b, "unlocked");
            assertEquals("unlock", unlocked.getString("reason"));
            assertEquals(
                    locked.getJsonNumber("seq").longValue() + 1,
                    unlocked.getJsonNumber("seq").longValue(),
                    "lock changes continue the record's seq");

            try (WsTestClient late = connect(bob)) {
                late.send("{\"type\":\"subscribe\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\"}");
                JsonObject snapshot = late.next("snapshot");
                assertEquals(0, snapshot.getJsonArray("locks").size());
                assertFalse(snapshot.getBoolean("stale"));
                assertEquals(0, snapshot.getInt("version"));
            }
        }
    }

    @Test
    void badLockRequestsGetErrorsNamingTheField() {
        String id = order();
        try (WsTestClient a = connect(alice);
                WsTestClient audit = connect(auditor)) {
            present(a, id, "tab-a");
            a.send(lock(id, "tab-a", "bad field!", 1));
            JsonObject invalid = awaitType(a, "error");
            assertEquals("invalid_field", invalid.getString("code"));
            assertEquals("field", invalid.getJsonObject("details").getString("field"));

            a.send(lock(id, "tab-a", "internalNotes", 2));
            JsonObject notLockable = awaitType(a, "error");
            assertEquals("field_not_lockable", notLockable.getString("code"));
            assertEquals("internalNotes", notLockable.getJsonObject("details").getString("field"));

            a.send(lock(id, "no-such-tab", "note", 3));
            assertEquals("tab_required", awaitType(a, "error").getString("code"));

            present(audit, id, "tab-audit", "view");
            audit.send(lock(id, "tab-audit", "note", 4));
            assertEquals("edit_not_allowed", awaitType(audit, "error").getString("code"));
        }
    }

    @Test
    void aDroppedHoldersLockIsFreeAfterTheGracePeriod() {
        String id = order();
        try (WsTestClient b = connect(bob)) {
            present(b, id, "tab-b");
            WsTestClient a = connect(alice);
            present(a, id, "tab-a");
            a.send(lock(id, "tab-a", "customer", 1));
            assertTrue(awaitType(a, "lock_ack").getBoolean("success"));
            awaitType(b, "locked");
            a.abort();
            JsonObject unlocked = b.await(m -> m.getString("type").equals("unlocked"), Duration.ofSeconds(15));
            assertEquals("closed", unlocked.getString("reason"), "released when the grace period ended");
            b.send(lock(id, "tab-b", "customer", 2));
            assertTrue(awaitType(b, "lock_ack").getBoolean("success"));
        }
    }

    @Test
    void restLocksTheFencingTokenCheckAndReleases() {
        String id = order();
        String base = "api/v1/records/order/" + id;
        api.post("api/v1/presence/order/" + id + "/heartbeat", alice, "{\"tab_id\":\"rest-a\",\"mode\":\"edit\"}");
        api.post("api/v1/presence/order/" + id + "/heartbeat", bob, "{\"tab_id\":\"rest-b\",\"mode\":\"edit\"}");

        Reply first = api.post(base + "/locks/note", alice, "{\"tab_id\":\"rest-a\"}");
        assertEquals(200, first.status(), first::toString);
        String metrics = api.exchange("GET", "metrics", null, null, null).body();
        assertTrue(
                metrics.contains("redis_presence_locks_acquired_total{entity=\"order\""),
                "seed 002's lock counter, by entity:\n" + metrics);
        long token = first.data().getJsonObject("lock").getJsonNumber("token").longValue();
        Reply held = api.post(base + "/locks/note", bob, "{\"tab_id\":\"rest-b\"}");
        assertEquals(409, held.status());
        assertEquals("lock_held", held.errorCode());

        Reply valid = api.post(base + "/locks/note/verify", publisher, "{\"token\":" + token + ",\"user_id\":\"u1\"}");
        assertEquals(200, valid.status(), valid::toString);
        assertEquals(
                200, api.send("DELETE", base + "/locks/note", alice, null, null).status());
        // The shared node's tab TTL is 3 s: on a busy machine Bob's tab may have lapsed by now.
        api.post("api/v1/presence/order/" + id + "/heartbeat", bob, "{\"tab_id\":\"rest-b\",\"mode\":\"edit\"}");
        Reply relocked = api.post(base + "/locks/note", bob, "{\"tab_id\":\"rest-b\"}");
        assertEquals(200, relocked.status(), relocked::toString);
        assertTrue(relocked.data().getJsonObject("lock").getJsonNumber("token").longValue() > token);

        Reply stale = api.post(base + "/locks/note/verify", publisher, "{\"token\":" + token + "}");
        assertEquals(409, stale.status());
        assertEquals("stale_token", stale.errorCode());

        Reply forced = api.send("DELETE", base + "/locks/note?force=true", publisher, null, null);
        assertTrue(forced.data().getBoolean("released"), forced::toString);
        assertEquals(0, api.get(base, alice).data().getJsonArray("locks").size());
        assertEquals(
                422,
                api.post(base + "/locks/note/verify", publisher, "{\"token\":\"x\"}")
                        .status());
    }

    @Test
    void lifecycleEventsMarkStaleAndBumpTheVersionOnceAndCompareAndBumpAnswers409() {
        String id = order();
        String base = "api/v1/records/order/" + id;
        try (WsTestClient watcher = connect(bob)) {
            watcher.send("{\"type\":\"subscribe\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\"}");
            watcher.next("snapshot");
            Reply mutating = api.post(
                    base + "/lifecycle",
                    publisher,
                    "{\"event_id\":\"e1\",\"phase\":\"MUTATING\",\"busy_by\":\"Import\"}");
            assertEquals(200, mutating.status(), mutating::toString);
            JsonObject stale = awaitType(watcher, "lifecycle");
            assertTrue(stale.getBoolean("stale"));
            String metrics = api.exchange("GET", "metrics", null, null, null).body();
            assertTrue(
                    metrics.lines()
                            .anyMatch(line -> line.startsWith("redis_presence_stale_entities")
                                    && !line.trim().endsWith(" 0")
                                    && !line.trim().endsWith(" 0.0")),
                    "seed 002's stale gauge counts the record:\n" + metrics);
            assertEquals("Import", stale.getString("busy_by"));
            assertTrue(api.get(base, alice).data().getBoolean("stale"));

            api.post(base + "/lifecycle", publisher, "{\"event_id\":\"e2\",\"phase\":\"MUTATED\"}");
            Reply duplicate = api.post(base + "/lifecycle", publisher, "{\"event_id\":\"e2\",\"phase\":\"MUTATED\"}");
            assertFalse(duplicate.data().getBoolean("applied"));
            JsonObject done = awaitType(watcher, "lifecycle");
            assertFalse(done.getBoolean("stale"));
            assertEquals(1, done.getInt("version"));
            assertEquals(1, api.get(base, alice).data().getInt("version"), "a duplicate bumps nothing");

            assertEquals(
                    403,
                    api.post(base + "/lifecycle", alice, "{\"event_id\":\"e3\",\"phase\":\"MUTATED\"}")
                            .status());
            assertEquals(
                    422,
                    api.post(base + "/lifecycle", publisher, "{\"event_id\":\"e4\",\"phase\":\"DONE\"}")
                            .status());
        }
        Reply bumped = api.post(base + "/version", alice, "{\"lock_version\":1}");
        assertEquals(2, bumped.data().getInt("lock_version"), bumped::toString);
        Reply conflict = api.post(base + "/version", bob, "{\"lock_version\":1}");
        assertEquals(409, conflict.status());
        assertEquals("version_conflict", conflict.errorCode());
        assertEquals(
                2,
                conflict.json().getJsonObject("error").getJsonObject("details").getInt("lock_version"));
    }
}
