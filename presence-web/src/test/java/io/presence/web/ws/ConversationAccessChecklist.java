package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.web.ApiClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Open WebSocket connections follow changes of a conversation's participants: the publisher changes
 * them through one node ({@link #actorNode}), the participants watch through another
 * ({@link #watcherNode}, the same node on a single-node store). Every test has a tenant of its own.
 */
abstract class ConversationAccessChecklist {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** How long a connection must stay silent after a message that would have reached it together. */
    static final Duration QUIET = Duration.ofSeconds(1);

    protected abstract PayaraNode actorNode();

    protected abstract PayaraNode watcherNode();

    private String tenant;
    private String conversation;
    private String publisher;

    @BeforeEach
    void ownTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        conversation = "c-" + UUID.randomUUID().toString().substring(0, 8);
        publisher = actor().token("erp", "ERP", new String[] {tenant}, new String[] {"presence-publisher"});
    }

    @Test
    void removedParticipantIsUnsubscribedAndHearsNothingMoreWhileTheOtherStillDoes() throws Exception {
        participants("alice", "bob");
        try (WsTestClient alice = watching("alice", conversation);
                WsTestClient bob = watching("bob", conversation);
                WsTestClient bobsList = watching("bob", null)) {
            heartbeat("alice", "subject");
            bob.await(diffOf(conversation), WAIT);
            bobsList.await(diffOf(conversation), WAIT);

            participants("alice");

            JsonObject unsubscribed =
                    bob.await(message -> message.getString("type").equals("unsubscribed"), WAIT);
            assertEquals(
                    "{\"type\":\"unsubscribed\",\"resource_type\":\"conversation\",\"resource_id\":\"" + conversation
                            + "\",\"reason\":\"access_revoked\"}",
                    unsubscribed.toString());
            JsonObject left =
                    bobsList.await(message -> message.getString("type").equals("unsubscribed"), WAIT);
            assertEquals("access_revoked", left.getString("reason"));
            assertEquals(
                    404,
                    get("bob", "api/v1/presence/conversation/" + conversation).status());

            heartbeat("alice", "secret-field");
            publishEvent();
            alice.await(message -> message.toString().contains("secret-field"), WAIT);
            alice.await(message -> message.getString("type").equals("conversation_updated"), WAIT);
            bob.assertNoneFor(QUIET, aboutConversation());
            bobsList.assertNoneFor(QUIET, aboutConversation());
        }
    }

    @Test
    void addedParticipantsOpenTypeSubscriptionStartsReceiving() throws Exception {
        participants("alice");
        try (WsTestClient dave = watching("dave", null)) {
            heartbeat("alice", "subject");
            dave.assertNoneFor(QUIET, aboutConversation());

            participants("alice", "dave");

            JsonObject snapshot = dave.await(aboutConversation(), WAIT);
            assertEquals("snapshot", snapshot.getString("type"), snapshot::toString);
            assertEquals(
                    "alice", snapshot.getJsonArray("viewers").getJsonObject(0).getString("id"));
            heartbeat("alice", "body");
            publishEvent();
            JsonObject diff = dave.await(diffOf(conversation), WAIT);
            assertEquals("body", diff.getJsonObject("tab").getString("active_field"), diff::toString);
            dave.await(message -> message.getString("type").equals("conversation_updated"), WAIT);
        }
    }

    private void participants(String... users) {
        ApiClient.Reply reply = actor().send(
                        "PUT",
                        "api/v1/conversations/" + conversation + "/participants",
                        publisher,
                        null,
                        "{\"participants\":[\"" + String.join("\",\"", List.of(users)) + "\"]}");
        assertEquals(200, reply.status(), reply::toString);
    }

    /** A tab of {@code user} on the conversation, through the actor node, editing {@code field}. */
    private void heartbeat(String user, String field) {
        ApiClient.Reply reply = actor().post(
                        "api/v1/presence/conversation/" + conversation + "/heartbeat",
                        token(actor(), user),
                        "{\"tab_id\":\"" + user + "-tab\",\"mode\":\"edit\",\"active_field\":\"" + field + "\"}");
        assertEquals(200, reply.status(), reply::toString);
    }

    private void publishEvent() {
        ApiClient.Reply reply = actor().post(
                        "api/v1/events",
                        publisher,
                        "{\"resource_type\":\"conversation\",\"resource_id\":\"" + conversation
                                + "\",\"action\":\"updated\",\"data\":{\"text\":\"secret\"}}");
        assertEquals(200, reply.status(), reply::toString);
    }

    private ApiClient.Reply get(String user, String path) {
        return watcher().get(path, token(watcher(), user));
    }

    /** A connection of {@code user} to the watcher node, subscribed to the record (or, null, its type). */
    private WsTestClient watching(String user, String record) {
        WsTestClient client = WsTestClient.connect(watcherNode().port(), token(watcher(), user), (String) null);
        client.send("{\"type\":\"subscribe\",\"resource_type\":\"conversation\""
                + (record == null ? "" : ",\"resource_id\":\"" + record + "\"") + "}");
        client.await(message -> message.getString("type").equals("snapshot"), WAIT);
        return client;
    }

    private Predicate<JsonObject> aboutConversation() {
        return message -> conversation.equals(message.getString("resource_id", null));
    }

    private static Predicate<JsonObject> diffOf(String record) {
        return message -> message.getString("type").equals("diff") && record.equals(message.getString("resource_id"));
    }

    private String token(ApiClient api, String user) {
        return api.token(user, user, tenant);
    }

    private ApiClient actor() {
        return api(actorNode());
    }

    private ApiClient watcher() {
        return api(watcherNode());
    }

    private static ApiClient api(PayaraNode node) {
        return new ApiClient(URI.create("http://127.0.0.1:" + node.port() + "/"));
    }
}
