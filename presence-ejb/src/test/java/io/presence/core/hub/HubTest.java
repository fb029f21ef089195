package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.events.ResourceEvent;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub without a container or a transport: the in-memory store, subscribers that record what they
 * are given, and the hub's own threads.
 */
class HubTest {

    private static final Duration TTL = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final int SNAPSHOT_VIEWERS = 3;

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    private final ResourceRef wo1 = new ResourceRef("acme", "work_order", "WO-1");
    private final ResourceRef hidden = new ResourceRef("acme", "work_order", "WO-SECRET");
    private Hub hub;

    @BeforeEach
    void start() {
        hub = MemoryHubs.started(
                store,
                (caller, ref) -> caller.tenant().equals(ref.tenant()) && !ref.equals(hidden),
                new HubSettings("node-a", TTL, GRACE, SNAPSHOT_VIEWERS, 2, 500));
    }

    @AfterEach
    void stop() {
        hub.close();
        store.close();
    }

    @Test
    void subscriberGetsSnapshotThenEveryDiffInOrder() throws Exception {
        RecordingSubscriber alice = new RecordingSubscriber(caller("alice"));
        Client client = hub.connect(alice);
        hub.subscribeRecord(client, wo1, "r1");
        HubMessage.RecordSnapshot snapshot = alice.next(HubMessage.RecordSnapshot.class);
        assertEquals("r1", snapshot.correlationId());
        assertEquals(0, snapshot.view().seq());

        for (int i = 0; i < 50; i++) {
            store.heartbeat(wo1, tab("t" + i, "bob", Mode.VIEW, ""));
        }
        for (int i = 1; i <= 50; i++) {
            HubMessage.Diff diff = alice.next(HubMessage.Diff.class);
            assertEquals(i, diff.diff().seq());
            assertEquals(i, diff.viewer().tabs(), "bob's aggregate after the diff");
        }
    }

    @Test
    void oneDiffIsOneMessageObjectForEveryRecipient() throws Exception {
        List<RecordingSubscriber> watchers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingSubscriber watcher = new RecordingSubscriber(caller("u" + i));
            hub.subscribeRecord(hub.connect(watcher), wo1, null);
            watcher.next(HubMessage.RecordSnapshot.class);
            watchers.add(watcher);
        }
        store.heartbeat(wo1, tab("t1", "bob", Mode.EDIT, ""));
        HubMessage.Diff first = watchers.get(0).next(HubMessage.Diff.class);
        for (RecordingSubscriber watcher : watchers.subList(1, watchers.size())) {
            assertSame(first, watcher.next(HubMessage.Diff.class), "encoded once through the shared memo");
        }
    }

    @Test
    void subscribersOfOneStateShareOneView() throws Exception {
        store.heartbeat(wo1, tab("t1", "bob", Mode.VIEW, ""));
        RecordingSubscriber a = new RecordingSubscriber(caller("a"));
        RecordingSubscriber b = new RecordingSubscriber(caller("b"));
        hub.subscribeRecord(hub.connect(a), wo1, null);
        hub.subscribeRecord(hub.connect(b), wo1, null);
        HubMessage.RecordSnapshot first = a.next(HubMessage.RecordSnapshot.class);
        HubMessage.RecordSnapshot second = b.next(HubMessage.RecordSnapshot.class);
        assertSame(first.view(), second.view());
        assertEquals("a", first.currentUserId());
        assertEquals("b", second.currentUserId());
    }

    @Test
    void largeRoomSnapshotListsTheFirstViewersAndCountsAll() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.heartbeat(wo1, tab("t" + i, "user" + i, i < 2 ? Mode.EDIT : Mode.VIEW, ""));
        }
        store.heartbeat(wo1, tab("t-extra", "user0", Mode.VIEW, ""));
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeRecord(hub.connect(watcher), wo1, null);
        RoomView view = watcher.next(HubMessage.RecordSnapshot.class).view();
        assertTrue(view.truncated());
        assertEquals(SNAPSHOT_VIEWERS, view.viewers().size());
        assertEquals(new RoomCounts(5, 6, 2), view.counts());
        Set<String> listed =
                Set.copyOf(view.viewers().stream().map(v -> v.userId()).toList());
        assertTrue(view.tabs().stream().allMatch(t -> listed.contains(t.userId())), "only the listed viewers' tabs");

        store.heartbeat(wo1, tab("t9", "user9", Mode.VIEW, ""));
        HubMessage.Diff diff = watcher.next(HubMessage.Diff.class);
        assertEquals(new RoomCounts(6, 7, 2), diff.counts(), "a large room's diffs carry its counts");
        assertEquals(new RoomCounts(6, 7, 2), hub.counts(wo1));
    }

    @Test
    void smallRoomIsListedWholeAndItsDiffsCarryNoCounts() throws Exception {
        store.heartbeat(wo1, tab("t1", "bob", Mode.VIEW, ""));
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeRecord(hub.connect(watcher), wo1, null);
        assertFalse(watcher.next(HubMessage.RecordSnapshot.class).view().truncated());
        store.heartbeat(wo1, tab("t2", "carol", Mode.VIEW, ""));
        assertNull(watcher.next(HubMessage.Diff.class).counts());
    }

    @Test
    void typeSubscriberGetsRecordsAndDiffsItMaySeeOnly() throws Exception {
        store.heartbeat(wo1, tab("t1", "bob", Mode.VIEW, ""));
        store.heartbeat(hidden, tab("t2", "bob", Mode.VIEW, ""));
        RecordingSubscriber list = new RecordingSubscriber(caller("lister"));
        hub.subscribeType(hub.connect(list), "work_order", 7);
        HubMessage.TypeSnapshot snapshot = list.next(HubMessage.TypeSnapshot.class);
        assertEquals(Set.of(wo1), snapshot.records().keySet());

        store.heartbeat(hidden, tab("t3", "carol", Mode.VIEW, ""));
        ResourceRef wo2 = new ResourceRef("acme", "work_order", "WO-2");
        store.heartbeat(wo2, tab("t4", "carol", Mode.VIEW, ""));
        assertEquals(wo2, list.next(HubMessage.Diff.class).diff().ref());
        ResourceRef otherTenant = new ResourceRef("globex", "work_order", "WO-1");
        store.heartbeat(otherTenant, tab("t5", "dave", Mode.VIEW, ""));
        store.heartbeat(wo2, tab("t6", "erin", Mode.VIEW, ""));
        assertEquals("t6", list.next(HubMessage.Diff.class).diff().tab().tabId(), "nothing of the hidden record");
    }

    @Test
    void resourceEventsReachRecordAndTypeSubscribersOnce() throws Exception {
        RecordingSubscriber both = new RecordingSubscriber(caller("both"));
        Client client = hub.connect(both);
        hub.subscribeRecord(client, wo1, null);
        hub.subscribeType(client, "work_order", null);
        both.next(HubMessage.RecordSnapshot.class);
        both.next(HubMessage.TypeSnapshot.class);
        hub.onEvent(new ResourceEvent(wo1, "updated", "bob", null, null, Instant.now()));
        hub.onEvent(new ResourceEvent(hidden, "updated", "bob", null, null, Instant.now()));
        hub.onEvent(new ResourceEvent(wo1, "deleted", "bob", null, null, Instant.now()));
        assertEquals("updated", both.next(HubMessage.Event.class).event().action());
        assertEquals("deleted", both.next(HubMessage.Event.class).event().action(), "once, and not the hidden one");
    }

    @Test
    void locksAndLifecycleTravelInSnapshotsAndAsStateChangesInTheRecordsSeries() throws Exception {
        store.heartbeat(wo1, tab("t1", "bob", Mode.EDIT, ""));
        store.lock(wo1, "description", "bob", "t1", Duration.ofMinutes(2), Instant.now());
        store.mutating(wo1, "nightly-import", "e1", Duration.ofMinutes(5), Instant.now());
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeRecord(hub.connect(watcher), wo1, null);
        RoomView view = watcher.next(HubMessage.RecordSnapshot.class).view();
        assertEquals(3, view.seq());
        assertEquals("bob", view.state().lock("description").userId());
        assertEquals("nightly-import", view.state().lifecycle().busyBy());

        RecordingSubscriber list = new RecordingSubscriber(caller("lister"));
        hub.subscribeType(hub.connect(list), "work_order", null);
        list.next(HubMessage.TypeSnapshot.class);

        store.mutated(wo1, "e2", Instant.now());
        HubMessage.StateChange done = watcher.next(HubMessage.StateChange.class);
        assertEquals(4, done.diff().seq());
        assertEquals(1, done.diff().lifecycle().version());
        assertSame(done, list.next(HubMessage.StateChange.class), "list pages see versions and stale flags too");

        store.leave(wo1, "t1", "bob", "unregister");
        assertEquals(5, watcher.next(HubMessage.Diff.class).diff().seq());
        HubMessage.StateChange unlocked = watcher.next(HubMessage.StateChange.class);
        assertEquals(6, unlocked.diff().seq());
        assertEquals("unregister", unlocked.diff().reason());

        RecordingSubscriber late = new RecordingSubscriber(caller("late"));
        hub.subscribeRecord(hub.connect(late), wo1, null);
        RoomView after = late.next(HubMessage.RecordSnapshot.class).view();
        assertTrue(after.state().locks().isEmpty());
        assertFalse(after.state().lifecycle().stale());
        assertEquals(1, after.state().lifecycle().version());
    }

    @Test
    void connectionTabLeavesAtOnceWhenReleased() throws Exception {
        RecordingSubscriber watcher = watching(wo1);
        Client tabClient = hub.connect(new RecordingSubscriber(caller("bob")));
        hub.presence(tabClient, "work_order", "WO-1", command("tab-1"), null);
        assertEquals(
                PresenceDiff.Kind.JOIN,
                watcher.next(HubMessage.Diff.class).diff().kind());
        assertEquals(1, hub.localTabs());

        hub.disconnect(tabClient, true);
        HubMessage.Diff leave = watcher.next(HubMessage.Diff.class);
        assertEquals(PresenceDiff.Kind.LEAVE, leave.diff().kind());
        assertEquals("closed", leave.diff().reason());
        assertEquals(0, hub.localTabs());
    }

    @Test
    void droppedConnectionLeavesAfterGraceUnlessTheTabComesBack() throws Exception {
        RecordingSubscriber watcher = watching(wo1);
        RecordingSubscriber bob = new RecordingSubscriber(caller("bob"));
        Client first = hub.connect(bob);
        hub.presence(first, "work_order", "WO-1", command("tab-1"), null);
        hub.presence(first, "work_order", "WO-1", command("tab-2"), null);
        watcher.next(HubMessage.Diff.class);
        watcher.next(HubMessage.Diff.class);

        hub.disconnect(first, false);
        Client again = hub.connect(new RecordingSubscriber(caller("bob")));
        hub.presence(again, "work_order", "WO-1", command("tab-1"), null);
        HubMessage.Diff leave = watcher.next(HubMessage.Diff.class);
        assertEquals("tab-2", leave.diff().tab().tabId(), "only the tab that did not come back leaves");
        assertEquals(PresenceDiff.Kind.LEAVE, leave.diff().kind());
        assertNull(watcher.poll(2 * GRACE.toMillis()), "the resumed tab neither leaves nor joins again");
        assertEquals(1, hub.localTabs());
    }

    @Test
    void tabTakenOverByAnotherConnectionStaysWhenTheOldOneCloses() throws Exception {
        RecordingSubscriber watcher = watching(wo1);
        Client old = hub.connect(new RecordingSubscriber(caller("bob")));
        hub.presence(old, "work_order", "WO-1", command("tab-1"), null);
        watcher.next(HubMessage.Diff.class);
        Client fresh = hub.connect(new RecordingSubscriber(caller("bob")));
        hub.presence(fresh, "work_order", "WO-1", command("tab-1"), null);
        hub.disconnect(old, true);
        assertNull(watcher.poll(300), "no leave: the tab is the new connection's now");
        assertEquals(1, store.snapshot(wo1, Instant.now()).tabs().size());
        hub.disconnect(fresh, true);
        assertEquals(
                PresenceDiff.Kind.LEAVE,
                watcher.next(HubMessage.Diff.class).diff().kind());
    }

    @Test
    void lostNodeTabIsJoinedAgainOnRefresh() throws Exception {
        Client bob = hub.connect(new RecordingSubscriber(caller("bob")));
        hub.presence(bob, "work_order", "WO-1", command("tab-1"), null);
        store.leave(wo1, "tab-1", "bob", "expired");
        assertTrue(store.snapshot(wo1, Instant.now()).tabs().isEmpty());
        hub.refreshNodeTabs();
        assertEquals(1, store.snapshot(wo1, Instant.now()).tabs().size());
    }

    @Test
    void unsubscribedClientGetsNothingMore() throws Exception {
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        Client client = hub.connect(watcher);
        hub.subscribeRecord(client, wo1, null);
        watcher.next(HubMessage.RecordSnapshot.class);
        hub.unsubscribeRecord(client, wo1);
        assertEquals(0, hub.subscriptions());
        store.heartbeat(wo1, tab("t1", "bob", Mode.VIEW, ""));
        assertNull(watcher.poll(300));
    }

    private RecordingSubscriber watching(ResourceRef ref) throws InterruptedException {
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeRecord(hub.connect(watcher), ref, null);
        watcher.next(HubMessage.RecordSnapshot.class);
        return watcher;
    }

    private static HeartbeatCommand command(String tabId) {
        return new HeartbeatCommand(tabId, Mode.VIEW, false, null);
    }

    private static Caller caller(String user) {
        return new Caller(user, user, "acme", Set.of());
    }

    private static TabPresence tab(String tabId, String user, Mode mode, String node) {
        Instant now = Instant.now();
        return new TabPresence(tabId, user, user, mode, false, null, now, now.plus(TTL), node);
    }
}
