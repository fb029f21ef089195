package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The part of the {@link PresenceStore} contract that WebSocket nodes use: batched refresh of the tabs
 * a node holds, release only by the holding node, and the per-type index of records with tabs. Each
 * test works in a tenant and with node names of its own.
 */
public abstract class NodeTabsContract {

    protected PresenceStore store;
    protected final BlockingQueue<PresenceDiff> diffs = new LinkedBlockingQueue<>();
    protected String tenant;
    protected String node;
    protected String otherNode;
    protected ResourceRef record;
    protected Instant now;

    protected abstract PresenceStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
        tenant = "t-" + UUID.randomUUID();
        node = "n1-" + tenant;
        otherNode = "n2-" + tenant;
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

    protected TabPresence tab(String tabId, String holder, Instant expires) {
        return new TabPresence(tabId, "u1", "User", Mode.VIEW, false, null, now, expires, holder);
    }

    protected PresenceDiff nextDiff() throws InterruptedException {
        PresenceDiff diff = diffs.poll(5, TimeUnit.SECONDS);
        assertNotNull(diff, "expected a diff within 5 s");
        return diff;
    }

    protected void assertNoMoreDiffs() throws InterruptedException {
        PresenceDiff extra = diffs.poll(300, TimeUnit.MILLISECONDS);
        assertNull(extra, "unexpected diff " + extra);
    }

    @Test
    void refreshMovesTheExpiryOfTheNodesTabsWithoutADiff() throws InterruptedException {
        store.heartbeat(record, tab("a", node, now.plusSeconds(1)));
        store.heartbeat(record, tab("b", otherNode, now.plusSeconds(60)));
        nextDiff();
        nextDiff();
        TabKey a = new TabKey(record, "a");
        TabKey b = new TabKey(record, "b");
        TabKey gone = new TabKey(record, "gone");
        Set<TabKey> missing = store.refresh(node, List.of(a, b, gone), now.plusSeconds(60));
        assertEquals(Set.of(b, gone), missing, "tabs held by another node or gone are reported, not refreshed");
        assertNoMoreDiffs();
        assertEquals(0, store.sweep(now.plusSeconds(2), 100), "the refreshed tab is no longer due");
        assertEquals(2, store.snapshot(record, now.plusSeconds(2)).tabs().size());
    }

    @Test
    void releaseRemovesOnlyATabTheNodeStillHolds() throws InterruptedException {
        store.heartbeat(record, tab("a", node, now.plusSeconds(60)));
        nextDiff();
        store.heartbeat(record, tab("a", otherNode, now.plusSeconds(60)));
        assertNoMoreDiffs();
        assertFalse(store.release(new TabKey(record, "a"), node, "closed"), "the tab moved to the other node");
        assertTrue(store.release(new TabKey(record, "a"), otherNode, "closed"));
        PresenceDiff leave = nextDiff();
        assertEquals(PresenceDiff.Kind.LEAVE, leave.kind());
        assertEquals("closed", leave.reason());
        assertTrue(store.snapshot(record, now).tabs().isEmpty());
    }

    @Test
    void activeRecordsListsTheRecordsOfATypeThatHaveTabs() {
        ResourceRef left = new ResourceRef(tenant, "work_order", "WO-2");
        ResourceRef otherType = new ResourceRef(tenant, "invoice", "WO-3");
        store.heartbeat(record, tab("a", "", now.plusSeconds(60)));
        store.heartbeat(left, tab("b", "", now.plusSeconds(60)));
        store.heartbeat(otherType, tab("c", "", now.plusSeconds(60)));
        store.leave(left, "b", "u1", "unregister");
        var active = store.activeRecords(tenant, "work_order", now, 100);
        assertEquals(Set.of(record), active.keySet());
        assertEquals(1, active.get(record).tabs().size());
        assertTrue(store.activeRecords(tenant + "-x", "work_order", now, 100).isEmpty(), "tenants share nothing");
    }
}
