package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.api.model.Caller;
import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.core.errors.LimitExceededException;
import io.presence.core.limits.Caps;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hub refuses a connection's subscription or tab beyond its caps, and keeps what it holds. */
class HubCapsTest {

    /** 3 subscriptions and 2 tabs per connection. */
    private static final Caps CAPS = new Caps(3, 2, 0, 0);

    private static Hub capped(InMemoryPresenceStore store) {
        return HubFixture.memoryHub(
                store,
                (caller, ref) -> true,
                new HubSettings("node-a", Duration.ofSeconds(90), Duration.ofMillis(300), 10, 2, 500).withCaps(CAPS));
    }

    @Test
    void aSubscriptionBeyondTheCapIsRefusedAndTheOthersStay() {
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                Hub hub = capped(store)) {
            RecordingSubscriber alice = new RecordingSubscriber(caller("alice"));
            Client client = hub.connect(alice);
            hub.subscribeRecord(client, record("WO-1"), null);
            hub.subscribeType(client, "work_order", null);
            hub.subscribeUsers(client, null, null);
            LimitExceededException refused =
                    assertThrows(LimitExceededException.class, () -> hub.subscribeRecord(client, record("WO-2"), "r9"));
            assertEquals("limit_exceeded", refused.code());
            assertEquals(Map.of("limit", "subscriptions", "max", 3), refused.details());
            assertThrows(LimitExceededException.class, () -> hub.subscribeType(client, "order", null));
            assertThrows(
                    LimitExceededException.class,
                    () -> hub.presence(client, "work_order", "WO-3", command("t1"), null),
                    "a tab on a record it does not watch would be a subscription too");

            hub.subscribeRecord(client, record("WO-1"), null);
            hub.subscribeUsers(client, Set.of("bob"), null);
            assertEquals(3, hub.subscriptions(), "subscribing again to what it holds is no new subscription");
            hub.unsubscribeType(client, "work_order");
            hub.subscribeRecord(client, record("WO-2"), null);
            assertEquals(Set.of(record("WO-1"), record("WO-2")), client.records());
        }
    }

    @Test
    void aTabBeyondTheConnectionsCapIsRefusedBeforeItIsWritten() {
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                Hub hub = capped(store)) {
            Client client = hub.connect(new RecordingSubscriber(caller("alice")));
            hub.presence(client, "work_order", "WO-1", command("t1"), null);
            hub.presence(client, "work_order", "WO-1", command("t2"), null);
            LimitExceededException refused = assertThrows(
                    LimitExceededException.class,
                    () -> hub.presence(client, "work_order", "WO-1", command("t3"), null));
            assertEquals(Map.of("limit", "connection_tabs", "max", 2), refused.details());
            assertEquals(2, store.snapshot(record("WO-1"), Instant.now()).tabs().size());

            hub.presence(client, "work_order", "WO-1", new HeartbeatCommand("t1", Mode.EDIT, false, null), null);
            hub.leave(client, record("WO-1"), "t2");
            hub.presence(client, "work_order", "WO-1", command("t3"), null);
            assertEquals(2, hub.localTabs());
        }
    }

    private static ResourceRef record(String id) {
        return new ResourceRef("acme", "work_order", id);
    }

    private static HeartbeatCommand command(String tabId) {
        return new HeartbeatCommand(tabId, Mode.VIEW, false, null);
    }

    private static Caller caller(String user) {
        return new Caller(user, user, "acme", Set.of());
    }
}
