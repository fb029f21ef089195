package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.PresenceDiff.Kind;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.errors.LimitExceededException;
import io.presence.core.errors.TabClosedException;
import io.presence.core.errors.TabOwnedByOtherUserException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PresenceStore} contract, run on every implementation. Each test works in a tenant of its
 * own, so a shared Redis is never disturbed and tests never see each other's records.
 */
public abstract class PresenceStoreContract {

    private static final Duration TTL = Duration.ofSeconds(90);

    protected PresenceStore store;
    private final BlockingQueue<PresenceDiff> diffs = new LinkedBlockingQueue<>();
    private String tenant;
    private ResourceRef record;
    private Instant now;

    protected abstract PresenceStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
        tenant = "t-" + UUID.randomUUID();
        record = new ResourceRef(tenant, "work_order", "WO-1");
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.addDiffListener(diff -> {
            if (diff.ref().tenant().equals(tenant)) {
                diffs.add(diff);
            }
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private TabPresence tab(String tabId, String userId, Mode mode, boolean dirty, String field, Instant expires) {
        return new TabPresence(tabId, userId, "User " + userId, mode, dirty, field, now, expires, "");
    }

    private TabPresence tab(String tabId, String userId) {
        return tab(tabId, userId, Mode.VIEW, false, null, now.plus(TTL));
    }

    protected PresenceDiff nextDiff() throws InterruptedException {
        PresenceDiff diff = diffs.poll(5, TimeUnit.SECONDS);
        assertNotNull(diff, "expected a diff within 5 s");
        return diff;
    }

    private void assertNoMoreDiffs() throws InterruptedException {
        PresenceDiff extra = diffs.poll(300, TimeUnit.MILLISECONDS);
        assertNull(extra, "unexpected diff " + extra);
    }

    @Test
    void firstHeartbeatJoinsAndRepeatedHeartbeatOnlyRefreshes() throws InterruptedException {
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, tab("a", "u1")));
        PresenceDiff join = nextDiff();
        assertEquals(Kind.JOIN, join.kind());
        assertEquals("a", join.tab().tabId());
        assertEquals(1, join.seq());

        assertEquals(HeartbeatOutcome.REFRESHED, store.heartbeat(record, tab("a", "u1")));
        assertNoMoreDiffs();
        assertEquals(1, store.snapshot(record, now).tabs().size(), "the same tab id is the same tab");
    }

    @Test
    void updateIsNotReportedAsLeaveAndJoin() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1"));
        nextDiff();
        TabPresence editing = tab("a", "u1", Mode.EDIT, true, "description", now.plus(TTL));
        assertEquals(HeartbeatOutcome.UPDATED, store.heartbeat(record, editing));
        PresenceDiff update = nextDiff();
        assertEquals(Kind.UPDATE, update.kind());
        assertEquals(2, update.seq());
        assertTrue(update.tab().dirty());
        assertEquals("description", update.tab().activeField());
        assertEquals(Mode.EDIT, update.tab().mode());
        assertNoMoreDiffs();
    }

    @Test
    void aUserBeyondTheTabCapOnARecordIsRefusedWhileOthersJoin() {
        store.heartbeat(record, tab("a", "u1"), 2);
        store.heartbeat(record, tab("b", "u1"), 2);
        LimitExceededException refused =
                assertThrows(LimitExceededException.class, () -> store.heartbeat(record, tab("c", "u1"), 2));
        assertEquals(Map.of("limit", "user_tabs", "max", 2), refused.details());
        assertEquals(HeartbeatOutcome.REFRESHED, store.heartbeat(record, tab("a", "u1"), 2), "held tabs go on");
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, tab("d", "u2"), 2), "another user joins");
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, tab("c", "u1"), 0), "0 is no cap");
        store.leave(record, "b", "u1", "unregister");
        store.leave(record, "c", "u1", "unregister");
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, tab("e", "u1"), 2), "a freed place is taken");
    }

    @Test
    void anExpiredTabDoesNotCountTowardsTheTabCap() {
        store.heartbeat(record, tab("old", "u1", Mode.VIEW, false, null, now.plusSeconds(1)), 1);
        Instant later = now.plusSeconds(2);
        TabPresence fresh = new TabPresence("new", "u1", "User u1", Mode.VIEW, false, null, later, later.plus(TTL), "");
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, fresh, 1));
    }

    @Test
    void twoTabsOfOneUserAreTwoTabs() {
        store.heartbeat(record, tab("a", "u1"));
        store.heartbeat(record, tab("b", "u1"));
        Snapshot snapshot = store.snapshot(record, now);
        assertEquals(2, snapshot.tabs().size());
        assertEquals(2, snapshot.seq());
    }

    @Test
    void expiredTabLeavesWhileOtherTabsStay() throws InterruptedException {
        store.heartbeat(record, tab("old", "u1", Mode.VIEW, false, null, now.plusSeconds(1)));
        store.heartbeat(record, tab("fresh", "u1", Mode.VIEW, false, null, now.plusSeconds(60)));
        nextDiff();
        nextDiff();
        Instant later = now.plusSeconds(2);
        assertEquals(
                List.of("fresh"),
                store.snapshot(record, later).tabs().stream()
                        .map(TabPresence::tabId)
                        .toList(),
                "reads leave out an expired tab even before it is swept");

        assertEquals(1, store.sweep(later, 100));
        PresenceDiff leave = nextDiff();
        assertEquals(Kind.LEAVE, leave.kind());
        assertEquals("old", leave.tab().tabId());
        assertEquals("expired", leave.reason());
        assertEquals(3, leave.seq());
        assertEquals(0, store.sweep(later, 100), "a swept tab is swept once");
        assertEquals(1, store.snapshot(record, later).tabs().size());
    }

    @Test
    void tabThatHeartbeatsAgainBeforeTheSweepStays() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1", Mode.VIEW, false, null, now.plusSeconds(1)));
        nextDiff();
        store.heartbeat(record, tab("a", "u1", Mode.VIEW, false, null, now.plusSeconds(60)));
        assertEquals(0, store.sweep(now.plusSeconds(2), 100));
        assertEquals(1, store.snapshot(record, now.plusSeconds(2)).tabs().size());
        assertNoMoreDiffs();
    }

    @Test
    void tabThatHeartbeatedIsSweptAtItsLaterExpiry() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1", Mode.VIEW, false, null, now.plusSeconds(1)));
        store.heartbeat(record, tab("b", "u2", Mode.VIEW, false, null, now.plusSeconds(3)));
        nextDiff();
        nextDiff();
        store.heartbeat(record, tab("a", "u1", Mode.VIEW, false, null, now.plusSeconds(5)));
        assertEquals(0, store.sweep(now.plusSeconds(2), 100), "nothing is due yet");

        assertEquals(1, store.sweep(now.plusSeconds(4), 100));
        assertEquals("b", nextDiff().tab().tabId());
        assertEquals(1, store.sweep(now.plusSeconds(6), 100));
        PresenceDiff leave = nextDiff();
        assertEquals("a", leave.tab().tabId());
        assertEquals("expired", leave.reason());
        assertTrue(store.snapshot(record, now).tabs().isEmpty());
        assertNoMoreDiffs();
    }

    @Test
    void sequenceNumbersContinueWhenARecordComesBack() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1", Mode.VIEW, false, null, now.plusSeconds(1)));
        nextDiff();
        assertEquals(1, store.sweep(now.plusSeconds(2), 100));
        assertEquals(2, nextDiff().seq());
        assertEquals(2, store.snapshot(record, now.plusSeconds(2)).seq());

        store.heartbeat(record, tab("b", "u1"));
        assertEquals(3, nextDiff().seq(), "watchers drop diffs numbered at or below what they saw");
        assertTrue(store.leave(record, "b", "u1", "unregister"));
        assertEquals(4, nextDiff().seq());
        store.heartbeat(record, tab("c", "u1"));
        assertEquals(5, nextDiff().seq());
    }

    @Test
    void leaveRemovesTheTabAtOnceWithItsReason() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1"));
        nextDiff();
        assertTrue(store.leave(record, "a", "u1", "unregister"));
        PresenceDiff leave = nextDiff();
        assertEquals(Kind.LEAVE, leave.kind());
        assertEquals("unregister", leave.reason());
        assertEquals("u1", leave.tab().userId());
        assertTrue(store.snapshot(record, now).tabs().isEmpty());
        assertFalse(store.leave(record, "a", "u1", "unregister"), "a second leave finds nothing");
    }

    @Test
    void aTabClosedWithItsPageStaysClosedToItsOwnersLateHeartbeats() throws InterruptedException {
        store.heartbeat(record, tab("a", "u1"));
        nextDiff();
        assertTrue(store.close(record, "a", "u1", Duration.ofSeconds(30)));
        PresenceDiff leave = nextDiff();
        assertEquals(Kind.LEAVE, leave.kind());
        assertEquals("unregister", leave.reason());
        assertThrows(
                TabClosedException.class,
                () -> store.heartbeat(record, tab("a", "u1")),
                "a heartbeat the page sent before it went away");
        assertTrue(store.snapshot(record, now).tabs().isEmpty());

        assertFalse(store.close(record, "b", "u1", Duration.ofSeconds(30)), "the close overtook the first heartbeat");
        assertThrows(TabClosedException.class, () -> store.heartbeat(record, tab("b", "u1")));
        assertEquals(
                HeartbeatOutcome.JOINED,
                store.heartbeat(record, tab("b", "u2")),
                "only its owner's heartbeats are refused");

        store.heartbeat(record, tab("c", "u1"));
        assertTrue(store.leave(record, "c", "u1", "unregister"));
        assertEquals(
                HeartbeatOutcome.JOINED,
                store.heartbeat(record, tab("c", "u1")),
                "an unregister that is not a page's close leaves the tab free to join again");
        assertThrows(TabOwnedByOtherUserException.class, () -> store.close(record, "c", "u2", Duration.ofSeconds(30)));
        assertEquals(2, store.snapshot(record, now).tabs().size());
    }

    @Test
    void aClosedTabMayJoinAgainOnceItsWindowHasPassed() throws InterruptedException {
        assertFalse(store.close(record, "a", "u1", Duration.ofMillis(200)));
        Thread.sleep(600);
        Instant later = Instant.now();
        TabPresence again = new TabPresence("a", "u1", "User u1", Mode.VIEW, false, null, later, later.plus(TTL), "");
        assertEquals(HeartbeatOutcome.JOINED, store.heartbeat(record, again));
    }

    @Test
    void aTabBelongsToTheUserWhoCreatedIt() {
        store.heartbeat(record, tab("a", "u1"));
        assertThrows(TabOwnedByOtherUserException.class, () -> store.heartbeat(record, tab("a", "u2")));
        assertThrows(TabOwnedByOtherUserException.class, () -> store.leave(record, "a", "u2", "unregister"));
        assertEquals("u1", store.snapshot(record, now).tabs().get(0).userId());
    }

    @Test
    void tenantsShareNothing() {
        ResourceRef sameIdOtherTenant = new ResourceRef(tenant + "-other", "work_order", "WO-1");
        store.heartbeat(record, tab("a", "u1"));
        assertTrue(store.snapshot(sameIdOtherTenant, now).tabs().isEmpty());
        assertEquals(0, store.snapshot(sameIdOtherTenant, now).seq());
        assertFalse(store.leave(sameIdOtherTenant, "a", "u1", "unregister"));
        assertEquals(1, store.snapshot(record, now).tabs().size());
    }

    @Test
    void diffsCarryConsecutiveSequenceNumbersPerRecord() throws InterruptedException {
        ResourceRef other = new ResourceRef(tenant, "work_order", "WO-2");
        store.heartbeat(record, tab("a", "u1"));
        store.heartbeat(other, tab("b", "u1"));
        store.heartbeat(record, tab("a", "u1", Mode.EDIT, false, null, now.plus(TTL)));
        store.leave(record, "a", "u1", "unregister");
        long expectedRecordSeq = 1;
        for (int i = 0; i < 4; i++) {
            PresenceDiff diff = nextDiff();
            if (diff.ref().equals(record)) {
                assertEquals(expectedRecordSeq++, diff.seq(), "diffs of one record arrive in order, one apart");
            } else {
                assertEquals(1, diff.seq());
            }
        }
        assertEquals(3, store.snapshot(record, now).seq());
    }

    @Test
    void userNamesAndFieldsSurviveTheRoundTrip() {
        TabPresence tab = new TabPresence(
                "a", "auth0|42", "Zoë O'Brien | Ops", Mode.EDIT, true, "lines[2].qty", now, now.plus(TTL), "");
        store.heartbeat(record, tab);
        TabPresence read = store.snapshot(record, now).tabs().get(0);
        assertEquals(tab, read);
    }
}
