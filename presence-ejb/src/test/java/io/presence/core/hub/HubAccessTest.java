package io.presence.core.hub;

import static io.presence.core.hub.HubFixture.caller;
import static io.presence.core.hub.HubFixture.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.events.ResourceEvent;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections follow changes of who may see a record: a conversation is visible to its participants,
 * the test changes them and asks the hub to re-evaluate, as the access change bus does.
 */
class HubAccessTest {

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    private final ResourceRef conversation = new ResourceRef("acme", "conversation", "c-1");
    private final Set<String> participants = ConcurrentHashMap.newKeySet();
    private Hub hub;

    @BeforeEach
    void start() {
        participants.addAll(Set.of("alice", "bob"));
        hub = HubFixture.memoryHub(
                store, (caller, ref) -> !ref.equals(conversation) || participants.contains(caller.userId()));
    }

    @AfterEach
    void stop() {
        hub.close();
        store.close();
    }

    @Test
    void removedParticipantIsUnsubscribedAndGetsNothingMoreWhileOthersStill() throws Exception {
        RecordingSubscriber alice = subscribed("alice");
        RecordingSubscriber bob = subscribed("bob");

        participants.remove("bob");
        hub.reevaluateAccess(conversation);

        HubMessage.AccessRevoked revoked = bob.next(HubMessage.AccessRevoked.class);
        assertEquals(conversation, revoked.ref());
        assertTrue(revoked.subscribed());
        assertEquals(1, hub.subscriptions());
        store.heartbeat(conversation, tab("t1", "carol"));
        hub.onEvent(new ResourceEvent(conversation, "updated", "carol", null, null, Instant.now()));
        assertEquals("carol", alice.next(HubMessage.Diff.class).diff().tab().userId());
        alice.next(HubMessage.Event.class);
        assertNull(bob.poll(300), "nothing of the conversation after the revocation");
    }

    @Test
    void removedParticipantsTabLeavesTheConversation() throws Exception {
        RecordingSubscriber alice = subscribed("alice");
        RecordingSubscriber bob = new RecordingSubscriber(caller("bob"));
        hub.presence(hub.connect(bob), "conversation", "c-1", command("bob-tab"), null);
        if (bob.next(HubMessage.RecordSnapshot.class).view().tabs().isEmpty()) {
            bob.next(HubMessage.Diff.class); // the snapshot predated its tab
        }
        assertEquals(
                PresenceDiff.Kind.JOIN, alice.next(HubMessage.Diff.class).diff().kind());

        participants.remove("bob");
        hub.reevaluateAccess(conversation);

        HubMessage.Diff leave = alice.next(HubMessage.Diff.class);
        assertEquals(PresenceDiff.Kind.LEAVE, leave.diff().kind());
        assertEquals("bob-tab", leave.diff().tab().tabId());
        bob.next(HubMessage.AccessRevoked.class);
        assertNull(bob.poll(300), "not even its own tab's leave");
    }

    @Test
    void typeSubscriberThatLostAccessIsToldAndItsDiffsStop() throws Exception {
        RecordingSubscriber bob = listing("bob");
        store.heartbeat(conversation, tab("t1", "alice"));
        bob.next(HubMessage.Diff.class);

        participants.remove("bob");
        hub.reevaluateAccess(conversation);

        HubMessage.AccessRevoked revoked = bob.next(HubMessage.AccessRevoked.class);
        assertFalse(revoked.subscribed(), "only the record's place in the list ended");
        store.heartbeat(conversation, tab("t2", "alice"));
        hub.onEvent(new ResourceEvent(conversation, "updated", "alice", null, null, Instant.now()));
        assertNull(bob.poll(300));
    }

    @Test
    void addedParticipantsTypeSubscriptionStartsWithTheRecordsSnapshot() throws Exception {
        RecordingSubscriber dave = listing("dave");
        store.heartbeat(conversation, tab("t1", "alice"));
        RecordingSubscriber alice = subscribed("alice");
        assertNull(dave.poll(300), "not a participant yet");

        participants.add("dave");
        hub.reevaluateAccess(conversation);

        HubMessage.RecordSnapshot snapshot = dave.next(HubMessage.RecordSnapshot.class);
        assertEquals(conversation, snapshot.view().ref());
        assertEquals(1, snapshot.view().tabs().size());
        store.heartbeat(conversation, tab("t2", "alice"));
        HubMessage.Diff diff = dave.next(HubMessage.Diff.class);
        assertEquals(snapshot.view().seq() + 1, diff.diff().seq(), "continues the snapshot");
        hub.onEvent(new ResourceEvent(conversation, "updated", "alice", null, null, Instant.now()));
        dave.next(HubMessage.Event.class);
        alice.next(HubMessage.Diff.class);
    }

    @Test
    void unchangedAccessSendsNothing() throws Exception {
        RecordingSubscriber alice = subscribed("alice");
        RecordingSubscriber watcher = listing("bob");

        hub.reevaluateAccess(conversation);

        store.heartbeat(conversation, tab("t1", "carol"));
        alice.next(HubMessage.Diff.class);
        watcher.next(HubMessage.Diff.class);
    }

    private RecordingSubscriber subscribed(String user) throws InterruptedException {
        RecordingSubscriber subscriber = new RecordingSubscriber(caller(user));
        hub.subscribeRecord(hub.connect(subscriber), conversation, null);
        subscriber.next(HubMessage.RecordSnapshot.class);
        return subscriber;
    }

    /** A subscriber of the conversation type, past its type snapshot. */
    private RecordingSubscriber listing(String user) throws InterruptedException {
        RecordingSubscriber subscriber = new RecordingSubscriber(caller(user));
        hub.subscribeType(hub.connect(subscriber), "conversation", null);
        subscriber.next(HubMessage.TypeSnapshot.class);
        return subscriber;
    }

    private static TabPresence tab(String tabId, String user) {
        return HubFixture.tab(tabId, user, Mode.VIEW, "");
    }
}
