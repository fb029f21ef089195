package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's client contract on {@code /ws/presence}, with its messages exactly as the seed writes them
 * ({@code SUB} with {@code userId}/{@code tenantId}/{@code entity}/{@code id}, {@code HB}, {@code LOCK})
 * and only the ids changed to this test's users: the token in the query or in a cookie, identity from
 * the token, {@code Order} resolved to the order type.
 */
@ExtendWith(SingleNode.class)
class Seed002ProtocolIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static PayaraNode node;
    static ApiClient api;
    static String alice;
    static String bob;
    static String publisher;

    @BeforeAll
    static void tokens() {
        node = SingleNode.node();
        api = new ApiClient(URI.create("http://127.0.0.1:" + node.port() + "/"));
        alice = api.token("u1", "Alice", "t1");
        bob = api.token("u2", "Bob", "t1");
        publisher = api.token("erp", "ERP", new String[] {"t1"}, new String[] {"presence-publisher"});
    }

    private static WsTestClient withQueryToken(String token) {
        return WsTestClient.connect(node.port(), "/ws/presence?token=" + token, Map.of());
    }

    private static WsTestClient withCookie(String token) {
        return WsTestClient.connect(
                node.port(), "/ws/presence", Map.of("Cookie", "theme=dark; presence_token=" + token));
    }

    private static JsonObject presence(WsTestClient client, Predicate<JsonObject> match) {
        return client.await(m -> m.getString("type").equals("PRESENCE") && match.test(m), WAIT);
    }

    private static List<String> users(JsonObject presence) {
        return presence.getJsonArray("users").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .sorted()
                .toList();
    }

    @Test
    void subPresenceHbAndLockAsSeed002WritesThem() {
        String id = String.valueOf(100 + (UUID.randomUUID().hashCode() & 0xffff));
        try (WsTestClient a = withQueryToken(alice);
                WsTestClient b = withCookie(bob)) {
            a.send("{\"type\":\"SUB\", \"userId\":\"u1\", \"tenantId\":\"t1\", \"entity\":\"Order\", \"id\":\"" + id
                    + "\"}");
            JsonObject first = presence(a, m -> users(m).contains("u1"));
            assertFalse(first.getBoolean("stale"));
            assertEquals(0, first.getInt("version"));

            b.send("{\"type\":\"SUB\", \"userId\":\"u2\", \"tenantId\":\"t1\", \"entity\":\"Order\", \"id\":\"" + id
                    + "\"}");
            presence(b, m -> users(m).equals(List.of("u1", "u2")));
            presence(a, m -> users(m).equals(List.of("u1", "u2")));

            a.send("{\"type\":\"HB\"}");
            a.send("{\"type\":\"LOCK\", \"field\":\"totalAmount\"}");
            JsonObject ack = a.await(m -> m.getString("type").equals("LOCK_ACK"), WAIT);
            assertEquals("{\"type\":\"LOCK_ACK\",\"field\":\"totalAmount\",\"success\":true}", ack.toString());
            presence(b, m -> m.getJsonObject("locks").containsKey("totalAmount"));

            b.send("{\"type\":\"LOCK\", \"field\":\"totalAmount\"}");
            JsonObject refused = b.await(m -> m.getString("type").equals("LOCK_ACK"), WAIT);
            assertFalse(refused.getBoolean("success"));
            assertEquals("u1", refused.getString("heldBy"));

            api.post(
                    "api/v1/records/order/" + id + "/lifecycle",
                    publisher,
                    "{\"event_id\":\"m-" + id + "\",\"phase\":\"MUTATING\",\"busy_by\":\"Batch\"}");
            JsonObject stale = presence(b, m -> m.getBoolean("stale"));
            assertEquals("Batch", stale.getString("busyBy"));
            api.post(
                    "api/v1/records/order/" + id + "/lifecycle",
                    publisher,
                    "{\"event_id\":\"d-" + id + "\",\"phase\":\"MUTATED\"}");
            presence(b, m -> !m.getBoolean("stale") && m.getInt("version") == 1);

            a.send("{\"type\":\"UNLOCK\", \"field\":\"totalAmount\"}");
            assertTrue(
                    a.await(m -> m.getString("type").equals("UNLOCK_ACK"), WAIT).getBoolean("success"));
            b.send("{\"type\":\"LOCK\", \"field\":\"totalAmount\"}");
            assertTrue(
                    b.await(m -> m.getString("type").equals("LOCK_ACK"), WAIT).getBoolean("success"));
        }
    }

    @Test
    void aSubClaimingAnotherUserIsRefusedAndClosed() {
        try (WsTestClient a = withQueryToken(alice)) {
            a.send("{\"type\":\"SUB\", \"userId\":\"u2\", \"tenantId\":\"t1\", \"entity\":\"Order\", \"id\":\"123\"}");
            JsonObject error = a.await(m -> m.getString("type").equals("ERROR"), WAIT);
            assertEquals("identity_mismatch", error.getString("code"));
            assertEquals(1008, a.awaitClose(WAIT).code());
        }
        try (WsTestClient other = withQueryToken(alice)) {
            other.send(
                    "{\"type\":\"SUB\", \"userId\":\"u1\", \"tenantId\":\"t2\", \"entity\":\"Order\", \"id\":\"123\"}");
            assertEquals(1008, other.awaitClose(WAIT).code(), "another tenant than the token's");
        }
    }

    @Test
    void withoutATokenTheConnectionIsClosedWithPolicy() {
        try (WsTestClient anonymous = WsTestClient.connect(node.port(), "/ws/presence", Map.of())) {
            assertEquals(1008, anonymous.awaitClose(WAIT).code());
        }
    }

    @Test
    void badMessagesGetErrorsAndTheConnectionGoesOn() {
        try (WsTestClient a = withQueryToken(alice)) {
            a.send("{\"type\":\"LOCK\", \"field\":\"totalAmount\"}");
            assertEquals(
                    "not_subscribed",
                    a.await(m -> m.getString("type").equals("ERROR"), WAIT).getString("code"));
            a.send(
                    "{\"type\":\"SUB\", \"userId\":\"u1\", \"tenantId\":\"t1\", \"entity\":\"Spaceship\", \"id\":\"1\"}");
            assertEquals(
                    "unknown_resource_type",
                    a.await(m -> m.getString("type").equals("ERROR"), WAIT).getString("code"));
            a.send("{\"type\":\"SUB\", \"userId\":\"u1\", \"tenantId\":\"t1\", \"entity\":\"Order\", \"id\":\"77\"}");
            presence(a, m -> users(m).contains("u1"));
            a.send("{\"type\":\"LOCK\", \"field\":\"internalNotes\"}");
            JsonObject ack = a.await(m -> m.getString("type").equals("LOCK_ACK"), WAIT);
            assertFalse(ack.getBoolean("success"));
            assertEquals("field_not_lockable", ack.getString("error"));
            a.send("not json");
            assertEquals(
                    "malformed_message",
                    a.await(m -> m.getString("type").equals("ERROR"), WAIT).getString("code"));
        }
    }
}
