package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.errors.RateLimitedException;
import io.presence.core.metrics.Counters;
import io.presence.core.presence.AccessChanges;
import io.presence.core.status.DeviceKey;
import io.presence.core.status.Status;
import io.presence.core.status.StatusStore;
import io.presence.core.status.UserPresence;
import io.presence.core.status.UserRef;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.memory.InMemoryStatusStore;
import io.presence.infrastructure.memory.InMemoryTypingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's rooms of users without a container or a transport: the in-memory stores, subscribers that
 * record what they are given. Visibility here: nobody sees {@code secret} (until a test changes it); the
 * conversation {@code c-1} is visible to alice and bob only.
 */
class HubUsersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private final InMemoryPresenceStore records = new InMemoryPresenceStore();
    private final InMemoryStatusStore statuses = new InMemoryStatusStore(Duration.ofDays(1));
    private final InMemoryTypingStore typing = new InMemoryTypingStore();
    private final ResourceRef conversation = new ResourceRef("acme", "conversation", "c-1");
    /** Whom nobody else sees: a plugin's rule, which a test may change. */
    private volatile Set<String> hidden = Set.of("secret");

    private Hub hub;

    @BeforeEach
    void start() {
        hub = hub(new HubSettings("node-a", TIMEOUT, GRACE, 50, 2, 500));
    }

    private Hub hub(HubSettings settings) {
        Hub hub = new Hub(
                records,
                records,
                (caller, ref) ->
                        !ref.equals(conversation) || Set.of("alice", "bob").contains(caller.userId()),
                (caller, type, id, command, node) -> new ResourceRef(caller.tenant(), type, id),
                new UserPorts(
                        statuses,
                        typing,
                        (viewer, user) -> !hidden.contains(user),
                        false,
                        (caller, device, status, node, limited) -> {
                            Instant now = Instant.now();
                            StatusStore.Report report = statuses.report(
                                    user(caller.userId()),
                                    device,
                                    status,
                                    node,
                                    now.plus(TIMEOUT),
                                    now,
                                    limited ? LIMIT : Duration.ZERO);
                            if (!report.accepted()) {
                                throw new RateLimitedException("status", "too soon", report.retryAfter());
                            }
                            return report.status();
                        },
                        TIMEOUT),
                settings,
                Thread::new,
                Counters.NONE);
        hub.start();
        return hub;
    }

    @AfterEach
    void stop() {
        hub.close();
        records.close();
    }

    /** A subscriber of the whole tenant that has had its snapshot. */
    private RecordingSubscriber watchingEveryone(String user) throws InterruptedException {
        RecordingSubscriber watcher = new RecordingSubscriber(caller(user));
        hub.subscribeUsers(hub.connect(watcher), null, null);
        watcher.next(HubMessage.UserSnapshot.class);
        return watcher;
    }

    private static UserRef user(String id) {
        return new UserRef("acme", id);
    }

    private static Caller caller(String user) {
        return new Caller(user, user, "acme", Set.of());
    }

    private void rest(String user, Status status, Instant at) {
        statuses.report(user(user), "phone", status, "", at.plus(TIMEOUT), at, LIMIT);
    }

    /** Alice online 20 s ago, Bob away 10 s ago, "secret" (whom nobody may see) online 5 s ago. */
    private Instant aliceBobAndSecretReported() {
        Instant now = Instant.now();
        rest("alice", Status.ONLINE, now.minusSeconds(20));
        rest("bob", Status.AWAY, now.minusSeconds(10));
        rest("secret", Status.ONLINE, now.minusSeconds(5));
        return now;
    }

    @Test
    void aSubscriberGetsTheUsersItMaySeeMostRecentFirstThenTheirChanges() throws Exception {
        Instant now = aliceBobAndSecretReported();
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeUsers(hub.connect(watcher), null, "r1");
        HubMessage.UserSnapshot snapshot = watcher.next(HubMessage.UserSnapshot.class);
        assertEquals("r1", snapshot.correlationId());
        assertEquals(List.of("bob", "alice"), ids(snapshot));
        assertEquals(Status.AWAY, snapshot.users().get(0).status());
        assertFalse(snapshot.truncated());

        rest("secret", Status.OFFLINE, now);
        rest("carol", Status.ONLINE, now);
        HubMessage.UserStatusChange change = watcher.next(HubMessage.UserStatusChange.class);
        assertEquals("carol", change.status().userId());
        assertEquals(Status.ONLINE, change.status().status());
        assertNull(watcher.poll(200), "nothing of a user the watcher may not see");
    }

    @Test
    void oneStatusChangeIsOneMessageObjectForEveryRecipient() throws Exception {
        RecordingSubscriber a = watchingEveryone("a");
        RecordingSubscriber b = watchingEveryone("b");
        rest("alice", Status.ONLINE, Instant.now());
        assertSame(a.next(HubMessage.UserStatusChange.class), b.next(HubMessage.UserStatusChange.class));
    }

    @Test
    void aLargeRoomGathersChangesIntoOneWriteInTheirOrder() throws Exception {
        hub.close();
        hub = hub(new HubSettings("node-a", TIMEOUT, GRACE, 50, 2, 500).withBatch(Duration.ofSeconds(1), 1));
        RecordingSubscriber a = watchingEveryone("a");
        RecordingSubscriber b = watchingEveryone("b");
        RecordingSubscriber aliceOnly = new RecordingSubscriber(caller("c"));
        hub.subscribeUsers(hub.connect(aliceOnly), Set.of("alice"), null);
        aliceOnly.next(HubMessage.UserSnapshot.class);

        Instant now = Instant.now();
        statuses.report(user("alice"), "phone", Status.ONLINE, "", now.plus(TIMEOUT), now, Duration.ZERO);
        HubMessage.UserStatusChange first = a.next(HubMessage.UserStatusChange.class);
        assertEquals(List.of("alice ONLINE"), changes(List.of(first)), "after a quiet interval, at once");
        assertSame(first, b.next(HubMessage.UserStatusChange.class));
        assertSame(first, aliceOnly.next(HubMessage.UserStatusChange.class));
        int writes = a.writes();

        statuses.report(user("bob"), "phone", Status.AWAY, "", now.plus(TIMEOUT), now, Duration.ZERO);
        Instant later = now.plusMillis(1);
        statuses.report(user("alice"), "phone", Status.AWAY, "", later.plus(TIMEOUT), later, Duration.ZERO);
        HubMessage.UserStatusBatch batch = a.next(HubMessage.UserStatusBatch.class);
        assertEquals(List.of("bob AWAY", "alice AWAY"), changes(batch.changes()), "within the interval, gathered");
        assertSame(batch, b.next(HubMessage.UserStatusBatch.class), "one message for all who get every change");
        assertEquals(writes + 1, a.writes(), "the two changes in one write");

        HubMessage.UserStatusChange aliceAway = aliceOnly.next(HubMessage.UserStatusChange.class);
        assertEquals(List.of("alice AWAY"), changes(List.of(aliceAway)), "a narrowed watch: its own");
        assertSame(batch.changes().get(1), aliceAway, "each change still encoded once");
        assertNull(aliceOnly.poll(200));
    }

    @Test
    void aChangeDuringALargeRoomsRoundReachesTheWatchersNotYetWrittenInThatRound() throws Exception {
        hub.close();
        hub = hub(new HubSettings("node-a", TIMEOUT, GRACE, 50, 2, 500).withBatch(Duration.ofSeconds(2), 1));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        List<RecordingSubscriber> watchers = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // three steps of the sweep: 64, 64 and 2 watchers
            RecordingSubscriber watcher = new RecordingSubscriber(caller("w" + i));
            Subscriber held = new Subscriber() {
                @Override
                public Caller caller() {
                    return watcher.caller();
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void send(HubMessage message) {
                    watcher.send(message);
                }

                @Override
                public void flush() {
                    if (armed.compareAndSet(true, false)) { // the round's first write waits for the test
                        writing.countDown();
                        await(release);
                    }
                    watcher.flush();
                }
            };
            hub.subscribeUsers(hub.connect(held), null, null);
            watcher.next(HubMessage.UserSnapshot.class);
            watchers.add(watcher);
        }
        armed.set(true);

        Instant now = Instant.now();
        statuses.report(user("alice"), "phone", Status.ONLINE, "", now.plus(TIMEOUT), now, Duration.ZERO);
        assertTrue(writing.await(5, TimeUnit.SECONDS), "after a quiet interval, at once");
        statuses.report(user("bob"), "phone", Status.AWAY, "", now.plus(TIMEOUT), now, Duration.ZERO);
        long released = System.nanoTime();
        release.countDown();

        List<RecordingSubscriber> early = new ArrayList<>();
        for (RecordingSubscriber watcher : watchers) {
            HubMessage first = watcher.poll(5000);
            if (first instanceof HubMessage.UserStatusBatch batch) {
                assertEquals(
                        List.of("alice ONLINE", "bob AWAY"), changes(batch.changes()), "both, in order, in one write");
            } else {
                assertTrue(first instanceof HubMessage.UserStatusChange, "got " + first);
                assertEquals(List.of("alice ONLINE"), changes(List.of((HubMessage.UserStatusChange) first)));
                early.add(watcher);
            }
        }
        assertTrue(
                Duration.ofNanos(System.nanoTime() - released).toMillis() < 1500,
                "within the round, not an interval later");
        assertEquals(64, early.size(), "the step under way when Bob changed is written as it began");
        for (RecordingSubscriber watcher : early) {
            HubMessage.UserStatusChange next = watcher.next(HubMessage.UserStatusChange.class);
            assertEquals(List.of("bob AWAY"), changes(List.of(next)), "the next round");
        }
        for (RecordingSubscriber watcher : watchers) {
            assertNull(watcher.poll(0), "each change once");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> changes(List<HubMessage.UserStatusChange> changes) {
        return changes.stream()
                .map(change -> change.status().userId() + " " + change.status().status())
                .toList();
    }

    @Test
    void aNarrowedSubscriptionSeesOnlyTheNamedUsers() throws Exception {
        Instant now = Instant.now();
        rest("alice", Status.ONLINE, now);
        rest("bob", Status.ONLINE, now);
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeUsers(hub.connect(watcher), Set.of("bob", "nobody"), null);
        assertEquals(List.of("bob"), ids(watcher.next(HubMessage.UserSnapshot.class)));
        rest("alice", Status.OFFLINE, now.plus(LIMIT));
        rest("bob", Status.OFFLINE, now.plus(LIMIT));
        assertEquals(
                "bob", watcher.next(HubMessage.UserStatusChange.class).status().userId());
        assertNull(watcher.poll(200));
    }

    @Test
    void aChangedRuleOfWhoSeesWhomSendsAFreshSnapshotToThoseItConcernsOnly() throws Exception {
        Instant now = aliceBobAndSecretReported();
        RecordingSubscriber everyone = watchingEveryone("watcher");
        RecordingSubscriber bobOnly = new RecordingSubscriber(caller("other"));
        hub.subscribeUsers(hub.connect(bobOnly), Set.of("bob"), null);
        bobOnly.next(HubMessage.UserSnapshot.class);

        hidden = Set.of("alice");
        hub.reevaluateAccess(AccessChanges.users("acme"));
        HubMessage.UserSnapshot fresh = everyone.next(HubMessage.UserSnapshot.class);
        assertEquals(List.of("secret", "bob"), ids(fresh));
        assertNull(fresh.correlationId());
        assertNull(bobOnly.poll(200), "its answers did not change");

        rest("alice", Status.AWAY, now);
        rest("secret", Status.AWAY, now);
        HubMessage.UserStatusChange change = everyone.next(HubMessage.UserStatusChange.class);
        assertEquals("secret", change.status().userId(), "nothing more of alice, and secret's changes now");
        assertNull(everyone.poll(200));
    }

    @Test
    void aRuleChangeInAnotherTenantChangesNothingHere() throws Exception {
        rest("alice", Status.ONLINE, Instant.now());
        RecordingSubscriber everyone = watchingEveryone("watcher");
        hidden = Set.of("alice");
        hub.reevaluateAccess(AccessChanges.users("globex"));
        assertNull(everyone.poll(300));
    }

    @Test
    void typingReachesThoseWhoMaySeeTheConversationOnceEvenWhenTheyWatchItsRecord() throws Exception {
        RecordingSubscriber bob = new RecordingSubscriber(caller("bob"));
        RecordingSubscriber carol = new RecordingSubscriber(caller("carol"));
        Client bobs = hub.connect(bob);
        hub.subscribeUsers(bobs, null, null);
        hub.subscribeRecord(bobs, conversation, null);
        hub.subscribeUsers(hub.connect(carol), null, null);
        bob.next(HubMessage.UserSnapshot.class);
        bob.next(HubMessage.RecordSnapshot.class);
        carol.next(HubMessage.UserSnapshot.class);

        Instant now = Instant.now();
        rest("alice", Status.ONLINE, now);
        bob.next(HubMessage.UserStatusChange.class);
        carol.next(HubMessage.UserStatusChange.class);
        typing.typing(user("alice"), "c-1", now.plusSeconds(5), now);
        HubMessage.TypingChange started = bob.next(HubMessage.TypingChange.class);
        assertEquals("alice", started.change().userId());
        assertTrue(started.change().typing());
        assertNull(bob.poll(200), "one message although bob watches the record too");
        assertNull(carol.poll(200), "carol takes no part in the conversation");

        RecordingSubscriber late = new RecordingSubscriber(caller("bob"));
        hub.subscribeUsers(hub.connect(late), null, null);
        UserPresence alice = late.next(HubMessage.UserSnapshot.class).users().get(0);
        assertEquals(List.of("c-1"), alice.typingIn());
        RecordingSubscriber stranger = new RecordingSubscriber(caller("carol"));
        hub.subscribeUsers(hub.connect(stranger), null, null);
        assertEquals(
                List.of(),
                stranger.next(HubMessage.UserSnapshot.class).users().get(0).typingIn());

        typing.sweep(now.plusSeconds(6), 100);
        assertFalse(bob.next(HubMessage.TypingChange.class).change().typing());
    }

    @Test
    void aConnectionsDeviceLeavesAtOnceOnANormalCloseAndAfterTheGraceOtherwise() throws Exception {
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeUsers(hub.connect(watcher), null, null);
        watcher.next(HubMessage.UserSnapshot.class);

        Client first = hub.connect(new RecordingSubscriber(caller("alice")));
        assertEquals(
                Status.ONLINE, hub.reportStatus(first, "laptop", Status.ONLINE).status());
        assertEquals(
                Status.ONLINE,
                watcher.next(HubMessage.UserStatusChange.class).status().status());
        assertEquals(1, hub.localDevices());
        hub.disconnect(first, true);
        assertEquals(
                Status.OFFLINE,
                watcher.next(HubMessage.UserStatusChange.class).status().status());

        Client dropped = hub.connect(new RecordingSubscriber(caller("bob")));
        Instant before = Instant.now();
        hub.reportStatus(dropped, "phone", Status.AWAY);
        assertEquals(
                Status.AWAY,
                watcher.next(HubMessage.UserStatusChange.class).status().status());
        hub.disconnect(dropped, false);
        HubMessage.UserStatusChange gone = watcher.next(HubMessage.UserStatusChange.class);
        assertEquals(Status.OFFLINE, gone.status().status());
        assertTrue(!gone.status().lastSeen().isBefore(before.plus(GRACE)), "last seen when the grace ended");
    }

    @Test
    void aReconnectWithinTheGraceTakesTheDeviceOverAndWatchersSeeNothing() throws Exception {
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeUsers(hub.connect(watcher), null, null);
        watcher.next(HubMessage.UserSnapshot.class);
        Client first = hub.connect(new RecordingSubscriber(caller("alice")));
        hub.reportStatus(first, "laptop", Status.ONLINE);
        watcher.next(HubMessage.UserStatusChange.class);
        hub.disconnect(first, false);
        Client second = hub.connect(new RecordingSubscriber(caller("alice")));
        hub.reportStatus(second, "laptop", Status.ONLINE);
        assertNull(watcher.poll(GRACE.toMillis() * 3), "the device was taken over, so nobody went offline");
        assertThrows(RateLimitedException.class, () -> hub.reportStatus(second, "laptop", Status.AWAY));
    }

    @Test
    void aDeviceTheStoreLostIsReportedAgainByTheNodeRefresh() throws Exception {
        RecordingSubscriber watcher = new RecordingSubscriber(caller("watcher"));
        hub.subscribeUsers(hub.connect(watcher), null, null);
        watcher.next(HubMessage.UserSnapshot.class);
        Client alice = hub.connect(new RecordingSubscriber(caller("alice")));
        hub.reportStatus(alice, "laptop", Status.ONLINE);
        watcher.next(HubMessage.UserStatusChange.class);
        statuses.release(new DeviceKey(user("alice"), "laptop"), "node-a", Instant.now());
        assertEquals(
                Status.OFFLINE,
                watcher.next(HubMessage.UserStatusChange.class).status().status());
        hub.refreshNodeDevices();
        assertEquals(
                Status.ONLINE,
                watcher.next(HubMessage.UserStatusChange.class).status().status());
    }

    private static List<String> ids(HubMessage.UserSnapshot snapshot) {
        return snapshot.users().stream().map(UserPresence::userId).toList();
    }
}
