package io.presence.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StatusStore} contract, run on every implementation: devices and their aggregate, the rate
 * limit, expiry and the sweep, node-held devices, last-seen times and who is known. Each test works in
 * a tenant of its own, with time passed in.
 */
public abstract class StatusStoreContract {

    protected static final Duration RETENTION = Duration.ofDays(1);
    private static final Duration TTL = Duration.ofSeconds(90);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private StatusStore store;
    private final BlockingQueue<StatusChanged> changes = new LinkedBlockingQueue<>();
    private String tenant;
    private UserRef alice;
    private Instant now;
    /** Node ids of this test only: other tests' nodes share the store. */
    private String nodeA;

    private String nodeB;

    /** A store keeping users for {@link #RETENTION}, whose listeners already receive changes. */
    protected abstract StatusStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
        tenant = "t-" + UUID.randomUUID();
        alice = new UserRef(tenant, "alice");
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        nodeA = "node-a-" + tenant;
        nodeB = "node-b-" + tenant;
        store.addStatusListener(change -> {
            if (change.tenant().equals(tenant)) {
                changes.add(change);
            }
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private StatusStore.Report report(String device, Status status, Instant at) {
        return store.report(alice, device, status, "", at.plus(TTL), at, LIMIT);
    }

    private StatusChanged nextChange() throws InterruptedException {
        StatusChanged change = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no status change within 5 s");
        return change;
    }

    private void assertNoChange() throws InterruptedException {
        StatusChanged change = changes.poll(300, TimeUnit.MILLISECONDS);
        assertNull(change, () -> "unexpected change " + change);
    }

    @Test
    void aFirstReportMakesTheUserOnlineSeenNowWithOneChange() throws InterruptedException {
        StatusStore.Report report = report("phone", Status.ONLINE, now);
        assertTrue(report.accepted());
        assertEquals(new UserStatus("alice", Status.ONLINE, now, 1), report.status());
        StatusChanged change = nextChange();
        assertEquals(alice, change.user());
        assertEquals(report.status(), change.status());
        assertEquals(
                report.status(), store.statuses(tenant, List.of("alice"), now).get("alice"));
    }

    @Test
    void onlineIfAnyDeviceIsAwayIfAllAreOfflineWithNoneAndOnlyChangesAreEmitted() throws InterruptedException {
        report("phone", Status.AWAY, now);
        assertEquals(Status.AWAY, nextChange().status().status());
        Instant t1 = now.plusSeconds(5);
        assertEquals(Status.ONLINE, report("laptop", Status.ONLINE, t1).status().status());
        assertEquals(new UserStatus("alice", Status.ONLINE, t1, 2), nextChange().status());
        Instant t2 = now.plusSeconds(10);
        assertEquals(Status.AWAY, report("laptop", Status.AWAY, t2).status().status());
        assertEquals(Status.AWAY, nextChange().status().status());
        Instant t3 = now.plusSeconds(15);
        assertEquals(Status.AWAY, report("laptop", Status.OFFLINE, t3).status().status());
        assertNoChange();
        Instant t4 = now.plusSeconds(20);
        UserStatus offline = report("phone", Status.OFFLINE, t4).status();
        assertEquals(new UserStatus("alice", Status.OFFLINE, t4, 4), offline);
        assertEquals(offline, nextChange().status());
        assertEquals(
                offline,
                store.statuses(tenant, List.of("alice"), t4.plusSeconds(60)).get("alice"));
    }

    @Test
    void aSecondReportWithinTheIntervalIsRefusedWithTheTimeLeftAndChangesNothing() throws InterruptedException {
        report("phone", Status.ONLINE, now);
        nextChange();
        StatusStore.Report refused = report("laptop", Status.AWAY, now.plusMillis(2_000));
        assertFalse(refused.accepted());
        assertEquals(Duration.ofMillis(3_000), refused.retryAfter());
        assertEquals(
                Status.ONLINE,
                store.statuses(tenant, List.of("alice"), now.plusSeconds(3))
                        .get("alice")
                        .status());
        assertNoChange();
        assertTrue(report("phone", Status.AWAY, now.plus(LIMIT)).accepted());
        assertEquals(Status.AWAY, nextChange().status().status());
    }

    @Test
    void ofConcurrentReportsWithinTheIntervalExactlyOneIsAccepted() throws Exception {
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StatusStore.Report>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String device = "d" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return report(device, Status.ONLINE, now);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<StatusStore.Report> result : results) {
                accepted += result.get(10, TimeUnit.SECONDS).accepted() ? 1 : 0;
            }
            assertEquals(1, accepted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsWithoutALimitAreNeverRefusedAndDoNotCountAgainstIt() {
        assertTrue(store.report(alice, "ws-1", Status.ONLINE, nodeA, now.plus(TTL), now, Duration.ZERO)
                .accepted());
        assertTrue(store.report(alice, "ws-1", Status.ONLINE, nodeA, now.plus(TTL), now, Duration.ZERO)
                .accepted());
        assertTrue(report("phone", Status.ONLINE, now).accepted());
    }

    @Test
    void aNodeDeviceRepeatingItsStatusResumesItWithoutCountingAgainstTheLimit() {
        assertTrue(store.report(alice, "ws-1", Status.AWAY, nodeA, now.plus(TTL), now, LIMIT)
                .accepted());
        Instant soon = now.plusSeconds(1);
        assertTrue(store.report(alice, "ws-1", Status.AWAY, nodeB, soon.plus(TTL), soon, LIMIT)
                .accepted());
        assertFalse(store.report(alice, "ws-1", Status.ONLINE, nodeB, soon.plus(TTL), soon, LIMIT)
                .accepted());
        assertFalse(store.report(alice, "rest", Status.AWAY, "", soon.plus(TTL), soon, LIMIT)
                .accepted());
    }

    @Test
    void anExpiredDeviceIsLeftOutOfReadsAndTheSweepRemovesItAndEmitsTheChange() throws InterruptedException {
        store.report(alice, "phone", Status.ONLINE, "", now.plusSeconds(3), now, LIMIT);
        nextChange();
        Instant later = now.plusSeconds(4);
        assertEquals(
                new UserStatus("alice", Status.OFFLINE, now, 1),
                store.statuses(tenant, List.of("alice"), later).get("alice"));
        assertTrue(store.sweep(later, 10_000) >= 1);
        assertEquals(
                new UserStatus("alice", Status.OFFLINE, now, 2), nextChange().status());
        store.sweep(later, 10_000);
        assertNoChange();
        assertEquals(
                Status.OFFLINE,
                store.statuses(tenant, List.of("alice"), later).get("alice").status());
    }

    @Test
    void theSweepKeepsDevicesThatReportedAgainAndTheOthersOfTheUser() throws InterruptedException {
        store.report(alice, "phone", Status.ONLINE, "", now.plusSeconds(3), now, LIMIT);
        store.report(alice, "laptop", Status.AWAY, "", now.plusSeconds(60), now.plusSeconds(2), Duration.ZERO);
        nextChange();
        assertTrue(store.sweep(now.plusSeconds(10), 10_000) >= 1);
        assertEquals(
                new UserStatus("alice", Status.AWAY, now.plusSeconds(2), 2),
                nextChange().status());
    }

    @Test
    void aNodeRefreshKeepsItsDevicesAndNamesThoseItNoLongerHolds() throws InterruptedException {
        store.report(alice, "ws-1", Status.ONLINE, nodeA, now.plusSeconds(3), now, Duration.ZERO);
        nextChange();
        DeviceKey mine = new DeviceKey(alice, "ws-1");
        DeviceKey gone = new DeviceKey(alice, "ws-gone");
        DeviceKey stranger = new DeviceKey(new UserRef(tenant, "nobody"), "ws-9");
        Instant refreshed = now.plusSeconds(2);
        assertEquals(
                Set.of(gone, stranger),
                store.refresh(nodeA, List.of(mine, gone, stranger), refreshed.plusSeconds(3), refreshed));
        store.sweep(now.plusSeconds(4), 10_000);
        UserStatus status =
                store.statuses(tenant, List.of("alice"), now.plusSeconds(4)).get("alice");
        assertEquals(new UserStatus("alice", Status.ONLINE, refreshed, 1), status);
        assertEquals(Set.of(mine), store.refresh(nodeB, List.of(mine), now.plusSeconds(9), now.plusSeconds(3)));
        assertNoChange();
    }

    @Test
    void aReleaseRemovesTheDeviceOnlyForTheNodeHoldingItAndTheUserIsSeenThen() throws InterruptedException {
        store.report(alice, "ws-1", Status.ONLINE, nodeA, now.plus(TTL), now, Duration.ZERO);
        nextChange();
        DeviceKey device = new DeviceKey(alice, "ws-1");
        assertFalse(store.release(device, nodeB, now.plusSeconds(1)));
        assertTrue(store.release(device, nodeA, now.plusSeconds(2)));
        assertEquals(
                new UserStatus("alice", Status.OFFLINE, now.plusSeconds(2), 2),
                nextChange().status());
        assertFalse(store.release(device, nodeA, now.plusSeconds(3)));
    }

    @Test
    void aStartingNodeClearsTheDevicesItsEarlierRunLeft() throws InterruptedException {
        store.report(alice, "ws-1", Status.ONLINE, nodeA, now.plus(TTL), now, Duration.ZERO);
        store.report(alice, "ws-2", Status.AWAY, nodeA, now.plus(TTL), now, Duration.ZERO);
        store.report(alice, "ws-3", Status.AWAY, nodeB, now.plus(TTL), now, Duration.ZERO);
        nextChange();
        assertEquals(2, store.clearNode(nodeA, now.plusSeconds(1)));
        assertEquals(Status.AWAY, nextChange().status().status());
        assertEquals(0, store.clearNode(nodeA, now.plusSeconds(2)));
    }

    @Test
    void onlyKnownUsersAreReadAndListedMostRecentlySeenFirstPerTenant() {
        UserRef bob = new UserRef(tenant, "bob");
        UserRef elsewhere = new UserRef("other-" + tenant, "carol");
        store.report(alice, "phone", Status.ONLINE, "", now.plus(TTL), now, LIMIT);
        store.report(bob, "phone", Status.AWAY, "", now.plus(TTL), now.plusSeconds(1), LIMIT);
        store.report(elsewhere, "phone", Status.ONLINE, "", now.plus(TTL), now.plusSeconds(2), LIMIT);
        Map<String, UserStatus> found = store.statuses(tenant, List.of("bob", "nobody", "alice", "carol"), now);
        assertEquals(Set.of("alice", "bob"), found.keySet());
        assertEquals(Status.AWAY, found.get("bob").status());
        assertEquals(List.of("bob", "alice"), store.recentUsers(tenant, 10, now.plusSeconds(3)));
        assertEquals(List.of("bob"), store.recentUsers(tenant, 1, now.plusSeconds(3)));
        assertEquals(List.of(), store.recentUsers("empty-" + tenant, 10, now));
    }

    @Test
    void aUserIsForgottenOnceTheRetentionPassedSinceTheyWereLastSeen() {
        report("phone", Status.ONLINE, now);
        report("phone", Status.OFFLINE, now.plusSeconds(10));
        Instant within = now.plusSeconds(10).plus(RETENTION).minusSeconds(1);
        Instant beyond = now.plusSeconds(11).plus(RETENTION);
        assertEquals(
                Set.of("alice"),
                store.statuses(tenant, List.of("alice"), within).keySet());
        assertEquals(List.of("alice"), store.recentUsers(tenant, 10, within));
        assertEquals(Map.of(), store.statuses(tenant, List.of("alice"), beyond));
        assertEquals(List.of(), store.recentUsers(tenant, 10, beyond));
    }
}
