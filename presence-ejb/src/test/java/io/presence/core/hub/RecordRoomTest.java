package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a room's cached tabs follow the store's diffs, on the real in-memory store. */
class RecordRoomTest {

    private final InMemoryPresenceStore store = new InMemoryPresenceStore();
    private final List<PresenceDiff> diffs = new ArrayList<>();
    private final ResourceRef ref = new ResourceRef("acme", "work_order", "WO-1");
    private final Instant now = Instant.now();

    RecordRoomTest() {
        store.addDiffListener(diffs::add);
    }

    private TabPresence tab(String id, String user, Mode mode) {
        return new TabPresence(id, user, "User " + user, mode, false, null, now, now.plusSeconds(60), "");
    }

    @Test
    void diffsAfterTheSnapshotAreAppliedInOrderAndOlderOnesAreStale() {
        store.heartbeat(ref, tab("a", "u1", Mode.VIEW));
        RecordRoom room = new RecordRoom(ref);
        assertEquals(1, room.view(store, 50).seq());
        store.heartbeat(ref, tab("b", "u1", Mode.EDIT));
        assertEquals(RecordRoom.Applied.STALE, room.apply(diffs.get(0), store), "the join of a is in the snapshot");
        assertEquals(RecordRoom.Applied.NEXT, room.apply(diffs.get(1), store));
        assertEquals(2, room.viewer("u1").tabs());
        assertEquals(Mode.EDIT, room.viewer("u1").mode());
    }

    /**
     * A record that was empty longer than the store keeps its number (Redis: twice the tab TTL) starts
     * again at 1: the room reloads instead of taking the new join for an old diff.
     */
    @Test
    void aRecordWhoseNumberingStartedAgainIsReloaded() {
        store.heartbeat(ref, tab("a", "u1", Mode.VIEW));
        store.leave(ref, "a", "u1", "unregister");
        RecordRoom room = new RecordRoom(ref);
        assertEquals(2, room.view(store, 50).seq());
        InMemoryPresenceStore expired = new InMemoryPresenceStore();
        List<PresenceDiff> fresh = new ArrayList<>();
        expired.addDiffListener(fresh::add);
        expired.heartbeat(ref, tab("b", "u2", Mode.VIEW));
        assertEquals(1, fresh.get(0).seq());
        assertEquals(RecordRoom.Applied.RELOADED, room.apply(fresh.get(0), expired));
        assertEquals(1, room.view(expired, 50).seq());
        assertEquals(1, room.view(expired, 50).tabs().size());
    }

    @Test
    void aGapReloadsTheCacheFromTheStore() {
        RecordRoom room = new RecordRoom(ref);
        room.view(store, 50);
        store.heartbeat(ref, tab("a", "u1", Mode.VIEW));
        store.heartbeat(ref, tab("b", "u2", Mode.VIEW));
        assertEquals(RecordRoom.Applied.RELOADED, room.apply(diffs.get(1), store), "diff 1 was missed");
        assertEquals(2, room.view(store, 50).tabs().size());
        assertEquals(2, room.view(store, 50).seq());
    }

    @Test
    void aRoomLoadedByADiffCatchesUpTypeSubscribersOnThatDiff() {
        store.heartbeat(ref, tab("a", "u1", Mode.VIEW));
        RecordRoom room = new RecordRoom(ref);
        assertEquals(RecordRoom.Applied.CATCH_UP, room.apply(diffs.get(0), store));
        store.leave(ref, "a", "u1", "unregister");
        assertEquals(RecordRoom.Applied.NEXT, room.apply(diffs.get(1), store));
        assertNull(room.viewer("u1"), "no viewer once the last tab left");
    }
}
