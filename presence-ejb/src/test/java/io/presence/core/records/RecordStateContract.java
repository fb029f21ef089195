package io.presence.core.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.TabKey;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * The {@link RecordStateStore} contract, run on every implementation: locks, leases, fencing tokens,
 * lifecycle and versions, numbered in one series with the record's tab diffs. Each test works in a
 * tenant of its own.
 */
public abstract class RecordStateContract {

    private static final Duration TTL = Duration.ofSeconds(90);
    private static final Duration LEASE = Duration.ofSeconds(120);

    private PresenceStore tabs;
    private RecordStateStore records;
    /** Every diff of the test's tenant, tab and state alike, in arrival order. */
    private final BlockingQueue<Object> diffs = new LinkedBlockingQueue<>();

    private ResourceRef record;
    private Instant now;
    private long staleBefore;

    /** A store that is both a {@link PresenceStore} and a {@link RecordStateStore}. */
    protected abstract <S extends PresenceStore & RecordStateStore> S createStore();

    @BeforeEach
    void setUp() {
        var store = createStore();
        tabs = store;
        records = store;
        String tenant = "t-" + UUID.randomUUID();
        record = new ResourceRef(tenant, "order", "O-1");
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tabs.addDiffListener(diff -> {
            if (diff.ref().tenant().equals(tenant)) {
                diffs.add(diff);
            }
        });
        records.addStateListener(diff -> {
            if (diff.ref().tenant().equals(tenant)) {
                diffs.add(diff);
            }
        });
    }

    @AfterEach
    void tearDown() {
        tabs.close();
    }

    private void join(String tabId, String userId, Duration ttl, String node) {
        tabs.heartbeat(
                record,
                new TabPresence(tabId, userId, "User " + userId, Mode.EDIT, false, null, now, now.plus(ttl), node));
    }

    private void join(String tabId, String userId) {
        join(tabId, userId, TTL, "");
    }

    private Object next() throws InterruptedException {
        Object diff = diffs.poll(5, TimeUnit.SECONDS);
        assertNotNull(diff, "expected a diff within 5 s");
        return diff;
    }

    private StateDiff nextState() throws InterruptedException {
        while (true) {
            if (next() instanceof StateDiff state) {
                return state;
            }
        }
    }

    /**
     * The stale-record count, less what other tests (or other users of a shared Redis) left stale:
     * counted before and after a change of this test's record only.
     */
    private long staleHere() {
        return records.staleRecords(now) - staleBefore;
    }

    private void drain() throws InterruptedException {
        while (diffs.poll(200, TimeUnit.MILLISECONDS) != null) {
            // discard
        }
    }

    @Test
    void aLiveTabLocksAFieldAndAnotherUsersTabFindsItHeld() throws InterruptedException {
        join("a", "u1");
        join("b", "u2");
        LockOutcome first = records.lock(record, "totalAmount", "u1", "a", LEASE, now);
        assertEquals(LockOutcome.Status.ACQUIRED, first.status());
        assertEquals("u1", first.lock().userId());
        assertEquals("User u1", first.lock().userName());

        LockOutcome second = records.lock(record, "totalAmount", "u2", "b", LEASE, now);
        assertEquals(LockOutcome.Status.HELD, second.status());
        assertEquals("a", second.lock().tabId());

        assertEquals(PresenceDiff.Kind.JOIN, ((PresenceDiff) next()).kind());
        assertEquals(PresenceDiff.Kind.JOIN, ((PresenceDiff) next()).kind());
        StateDiff locked = (StateDiff) next();
        assertEquals(StateDiff.Kind.LOCKED, locked.kind());
        assertEquals(3, locked.seq(), "lock diffs continue the record's series");
        assertEquals(first.lock().token(), locked.lock().token());

        RecordState state = tabs.snapshot(record, now).state();
        assertEquals(List.of(first.lock()), state.locks());
        assertEquals(3, tabs.snapshot(record, now).seq());
    }

    @Test
    void lockingNeedsALiveTabOfTheCaller() {
        join("a", "u1");
        assertEquals(
                LockOutcome.Status.NO_TAB,
                records.lock(record, "f", "u1", "nope", LEASE, now).status());
        assertEquals(
                LockOutcome.Status.NO_TAB,
                records.lock(record, "f", "u2", "a", LEASE, now).status());
        assertTrue(tabs.snapshot(record, now).state().locks().isEmpty());
    }

    @Test
    void theHolderRenewsWithTheSameTokenAndEveryNewAcquisitionGetsAHigherOne() {
        join("a", "u1");
        join("b", "u2");
        long token = records.lock(record, "f", "u1", "a", LEASE, now).lock().token();
        LockOutcome renewed = records.lock(record, "f", "u1", "a", LEASE, now.plusSeconds(1));
        assertEquals(LockOutcome.Status.RENEWED, renewed.status());
        assertEquals(token, renewed.lock().token());
        assertEquals(now.plusSeconds(1).plus(LEASE), renewed.lock().expiresAt());

        assertEquals(
                UnlockOutcome.Status.RELEASED,
                records.unlock(record, "f", "u1", now).status());
        long next = records.lock(record, "f", "u2", "b", LEASE, now).lock().token();
        assertTrue(next > token, "fencing tokens only increase: " + token + " then " + next);
    }

    @Test
    void onlyTheHolderUnlocksAndAPublisherMayForce() throws InterruptedException {
        join("a", "u1");
        records.lock(record, "f", "u1", "a", LEASE, now);
        assertEquals(
                UnlockOutcome.Status.NOT_HELD,
                records.unlock(record, "other", "u1", now).status());
        UnlockOutcome foreign = records.unlock(record, "f", "u2", now);
        assertEquals(UnlockOutcome.Status.HELD_BY_OTHER, foreign.status());
        assertEquals("u1", foreign.lock().userId());

        FieldLock forced = records.forceUnlock(record, "f", now);
        assertNotNull(forced);
        assertNull(records.forceUnlock(record, "f", now), "nothing left to force");
        drain();
        assertTrue(tabs.snapshot(record, now).state().locks().isEmpty());
    }

    @Test
    void aTabThatLeavesReleasesItsLocksWithItsLeaveReason() throws InterruptedException {
        join("a", "u1");
        records.lock(record, "f1", "u1", "a", LEASE, now);
        records.lock(record, "f2", "u1", "a", LEASE, now);
        drain();
        assertTrue(tabs.leave(record, "a", "u1", "unregister"));
        PresenceDiff leave = (PresenceDiff) next();
        StateDiff first = (StateDiff) next();
        StateDiff second = (StateDiff) next();
        assertEquals(leave.seq() + 1, first.seq());
        assertEquals(first.seq() + 1, second.seq());
        assertEquals(StateDiff.Kind.UNLOCKED, first.kind());
        assertEquals("unregister", first.reason());
        assertEquals(
                Set.of("f1", "f2"), Set.of(first.lock().field(), second.lock().field()));
        assertTrue(tabs.snapshot(record, now).state().locks().isEmpty());
    }

    @Test
    void aNodeReleasingItsTabReleasesTheTabsLocks() throws InterruptedException {
        join("a", "u1", TTL, "node-1");
        records.lock(record, "f", "u1", "a", LEASE, now);
        drain();
        assertTrue(tabs.release(new TabKey(record, "a"), "node-1", "closed"));
        next();
        StateDiff released = nextState();
        assertEquals("closed", released.reason());
    }

    @Test
    void anExpiredTabsLocksAreSweptWithIt() throws InterruptedException {
        join("a", "u1", Duration.ofMillis(200), "");
        records.lock(record, "f", "u1", "a", LEASE, now);
        drain();
        tabs.sweep(now.plusSeconds(1), 1000);
        assertEquals(PresenceDiff.Kind.LEAVE, ((PresenceDiff) next()).kind());
        StateDiff released = nextState();
        assertEquals(StateDiff.Kind.UNLOCKED, released.kind());
        assertEquals("expired", released.reason());
    }

    @Test
    void aLeaseThatLapsesIsSweptAndAHeartbeatRenewsIt() throws InterruptedException {
        join("a", "u1");
        join("b", "u2");
        records.lock(record, "renewed", "u1", "a", Duration.ofSeconds(1), now);
        records.lock(record, "lapsing", "u2", "b", Duration.ofSeconds(1), now);
        drain();
        tabs.heartbeat(
                record,
                new TabPresence("a", "u1", "User u1", Mode.EDIT, false, null, now.plusMillis(800), now.plus(TTL), ""));
        Instant later = now.plusMillis(1500);
        assertEquals(
                List.of("renewed"),
                tabs.snapshot(record, later).state().locks().stream()
                        .map(FieldLock::field)
                        .toList(),
                "a lapsed lease is not a lock, even before the sweep");
        tabs.sweep(later, 1000);
        StateDiff lapsed = nextState();
        assertEquals("lapsing", lapsed.lock().field());
        assertEquals("expired", lapsed.reason());
        assertEquals(
                LockOutcome.Status.ACQUIRED,
                records.lock(record, "lapsing", "u1", "a", LEASE, later).status());
    }

    @Test
    void tabRefreshByItsNodeRenewsTheLease() {
        join("a", "u1", TTL, "node-1");
        // Taken nine seconds ago with a ten-second lease: it ends a second from now, and a refresh at
        // any later clock reading renews it to at least ten seconds from now.
        records.lock(record, "f", "u1", "a", Duration.ofSeconds(10), now.minusSeconds(9));
        tabs.refresh("node-1", List.of(new TabKey(record, "a")), Instant.now().plus(TTL));
        FieldLock lock = tabs.snapshot(record, Instant.now()).state().lock("f");
        assertNotNull(lock);
        assertFalse(lock.expiresAt().isBefore(now.plusSeconds(10)), "renewed to " + lock.expiresAt());
    }

    @Test
    void twoTabsRacingForOneFieldGetExactlyOneHolderEachTime() throws Exception {
        join("a", "u1");
        join("b", "u2");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 1000; round++) {
                String field = "f" + round;
                CountDownLatch start = new CountDownLatch(1);
                Future<LockOutcome> first = pool.submit(() -> {
                    start.await();
                    return records.lock(record, field, "u1", "a", LEASE, now);
                });
                Future<LockOutcome> second = pool.submit(() -> {
                    start.await();
                    return records.lock(record, field, "u2", "b", LEASE, now);
                });
                start.countDown();
                LockOutcome one = first.get(5, TimeUnit.SECONDS);
                LockOutcome two = second.get(5, TimeUnit.SECONDS);
                int holders = (one.status() == LockOutcome.Status.ACQUIRED ? 1 : 0)
                        + (two.status() == LockOutcome.Status.ACQUIRED ? 1 : 0);
                assertEquals(1, holders, "round " + round + ": " + one + " / " + two);
                LockOutcome loser = one.status() == LockOutcome.Status.ACQUIRED ? two : one;
                LockOutcome winner = one.status() == LockOutcome.Status.ACQUIRED ? one : two;
                assertEquals(LockOutcome.Status.HELD, loser.status());
                assertEquals(winner.lock().tabId(), loser.lock().tabId(), "the loser is told who won");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000, tabs.snapshot(record, now).state().locks().size());
    }

    @Test
    void mutatingMarksStaleAndMutatedClearsItAndBumpsTheVersionOnce() throws InterruptedException {
        staleBefore = records.staleRecords(now);
        var stale = records.mutating(record, "batch-job", "e1", Duration.ofMinutes(5), now);
        assertTrue(stale.applied());
        assertTrue(stale.lifecycle().stale());
        assertEquals("batch-job", stale.lifecycle().busyBy());
        StateDiff marked = nextState();
        assertEquals("mutating", marked.reason());
        assertEquals(1, marked.seq());

        Lifecycle read = tabs.snapshot(record, now).state().lifecycle();
        assertTrue(read.stale());
        assertEquals(1, staleHere());
        assertEquals("batch-job", read.busyBy());

        var done = records.mutated(record, "e2", now);
        assertTrue(done.applied());
        assertFalse(done.lifecycle().stale());
        assertEquals(1, done.lifecycle().version());
        var again = records.mutated(record, "e2", now);
        assertFalse(again.applied(), "a duplicate delivery changes nothing");
        assertEquals(1, again.lifecycle().version());
        assertFalse(records.mutating(record, "batch-job", "e1", Duration.ofMinutes(5), now)
                .applied());

        StateDiff cleared = nextState();
        assertEquals("mutated", cleared.reason());
        assertEquals(0, staleHere(), "no longer counted as stale");
        assertEquals(1, cleared.lifecycle().version());
        assertFalse(cleared.lifecycle().stale());
        assertNull(diffs.poll(300, TimeUnit.MILLISECONDS), "duplicates emit nothing");
        assertEquals(1, tabs.snapshot(record, now).state().lifecycle().version());
    }

    @Test
    void aStaleFlagLapsesByItself() throws InterruptedException {
        records.mutating(record, "batch-job", "e1", Duration.ofMillis(500), now);
        nextState();
        assertFalse(
                tabs.snapshot(record, now.plusSeconds(1)).state().lifecycle().stale());
        tabs.sweep(now.plusSeconds(1), 1000);
        StateDiff lapsed = nextState();
        assertEquals("expired", lapsed.reason());
        assertFalse(lapsed.lifecycle().stale());
    }

    @Test
    void compareAndBumpAnswersTheCurrentVersionOnAMismatch() throws InterruptedException {
        assertEquals(new RecordStateStore.BumpOutcome(true, 1), records.compareAndBump(record, 0, now));
        assertEquals(new RecordStateStore.BumpOutcome(false, 1), records.compareAndBump(record, 0, now));
        assertEquals(new RecordStateStore.BumpOutcome(true, 2), records.compareAndBump(record, 1, now));
        assertEquals("bumped", nextState().reason());
        assertEquals(2, nextState().lifecycle().version());
    }
}
