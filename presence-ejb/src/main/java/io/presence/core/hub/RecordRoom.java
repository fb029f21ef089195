package io.presence.core.hub;

import io.presence.api.model.Mode;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.api.model.Viewer;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.RecordState;
import io.presence.core.records.StateDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One record as this node follows it: its local subscribers and a cache of its tabs at sequence
 * {@code seq}, kept current by applying diffs in order. The cache is loaded from the store once (when
 * the first subscriber arrives or the first diff for a watched type comes in) and again only after a
 * gap, so a diff's viewer is computed here rather than with a store call per message.
 *
 * <p>The rendered view is cached too: subscribers that join while nothing changed share one {@link
 * RoomView} and so one encoding of it.
 *
 * <p>Every method must be called while holding this room's monitor; that is what orders a new
 * subscriber's snapshot before the diffs that follow it.
 */
final class RecordRoom {

    /** What applying a diff did to the cache. */
    enum Applied {
        /** Already in the cache (older than its sequence number): nothing to deliver. */
        STALE,
        /** The next diff: deliver it. */
        NEXT,
        /** A gap: the cache was reloaded; deliver a fresh snapshot instead. */
        RELOADED,
        /**
         * The cache was loaded because of this very diff and already contains it (and maybe a few after
         * it): deliver it to type subscribers, whose snapshots may predate it; record subscribers, who
         * got the cache's snapshot, have it already.
         */
        CATCH_UP
    }

    private final ResourceRef ref;
    private final Set<Client> subscribers = ConcurrentHashMap.newKeySet();
    private final Map<String, TabPresence> tabs = new LinkedHashMap<>();
    private final Map<String, FieldLock> locks = new TreeMap<>();
    private Lifecycle lifecycle = Lifecycle.NONE;
    private long seq = -1;
    private long catchUpFrom = Long.MAX_VALUE;
    private boolean removed;
    private RoomView view;

    RecordRoom(ResourceRef ref) {
        this.ref = ref;
    }

    ResourceRef ref() {
        return ref;
    }

    Set<Client> subscribers() {
        return subscribers;
    }

    /** The cached state as a snapshot shows it, loading it from the store first if there is none yet. */
    RoomView view(PresenceStore store, int viewerLimit) {
        if (seq < 0) {
            reload(store);
        }
        if (view == null) {
            view = RoomView.of(
                    ref,
                    seq,
                    new ArrayList<>(tabs.values()),
                    new RecordState(lifecycle, new ArrayList<>(locks.values())),
                    viewerLimit);
        }
        return view;
    }

    Applied apply(PresenceDiff diff, PresenceStore store) {
        return advance(diff.seq(), store, () -> {
            if (diff.kind() == PresenceDiff.Kind.LEAVE) {
                tabs.remove(diff.tab().tabId());
            } else {
                tabs.put(diff.tab().tabId(), diff.tab());
            }
        });
    }

    Applied apply(StateDiff diff, PresenceStore store) {
        return advance(diff.seq(), store, () -> {
            switch (diff.kind()) {
                case LOCKED -> locks.put(diff.lock().field(), diff.lock());
                case UNLOCKED -> locks.remove(diff.lock().field());
                case LIFECYCLE -> lifecycle = diff.lifecycle();
            }
        });
    }

    /**
     * Applies the change numbered {@code next} if it is the next one; reloads after a gap, and when the
     * record's numbering started again at 1 (it stayed empty longer than the store keeps its number),
     * which a diff numbered 1 tells apart from a late first diff by asking the store.
     */
    private Applied advance(long next, PresenceStore store, Runnable change) {
        if (seq < 0) {
            reload(store);
            catchUpFrom = next;
        }
        if (next == 1 && seq > 1 && store.snapshot(ref, Instant.now()).seq() < seq) {
            reload(store); // not a late first diff: the store's number went back
            return Applied.RELOADED;
        }
        if (next <= seq) {
            return next >= catchUpFrom ? Applied.CATCH_UP : Applied.STALE;
        }
        if (next != seq + 1) {
            reload(store);
            return Applied.RELOADED;
        }
        seq = next;
        view = null;
        change.run();
        return Applied.NEXT;
    }

    /** The user's aggregate over the cached tabs; null when the user has no tab left. */
    Viewer viewer(String userId) {
        List<TabPresence> mine = new ArrayList<>();
        for (TabPresence tab : tabs.values()) {
            if (tab.userId().equals(userId)) {
                mine.add(tab);
            }
        }
        return mine.isEmpty() ? null : Viewer.of(userId, mine);
    }

    /** The totals over the cached tabs. */
    RoomCounts counts() {
        Set<String> users = new HashSet<>();
        Set<String> editors = new HashSet<>();
        for (TabPresence tab : tabs.values()) {
            users.add(tab.userId());
            if (tab.mode() == Mode.EDIT || tab.dirty()) {
                editors.add(tab.userId());
            }
        }
        return new RoomCounts(users.size(), tabs.size(), editors.size());
    }

    /** Whether the cache holds more users than a snapshot lists. */
    boolean largerThan(int viewerLimit) {
        if (tabs.size() <= viewerLimit) {
            return false;
        }
        Set<String> users = new HashSet<>();
        for (TabPresence tab : tabs.values()) {
            if (users.add(tab.userId()) && users.size() > viewerLimit) {
                return true;
            }
        }
        return false;
    }

    boolean hasTabs() {
        return !tabs.isEmpty();
    }

    /** Marks the room dropped from the registry; a subscriber that still finds it must look again. */
    void markRemoved() {
        removed = true;
    }

    boolean removed() {
        return removed;
    }

    private void reload(PresenceStore store) {
        Snapshot fresh = store.snapshot(ref, Instant.now());
        tabs.clear();
        for (TabPresence tab : fresh.tabs()) {
            tabs.put(tab.tabId(), tab);
        }
        locks.clear();
        fresh.state().locks().forEach(lock -> locks.put(lock.field(), lock));
        lifecycle = fresh.state().lifecycle();
        seq = fresh.seq();
        view = null;
    }
}
