package io.presence.infrastructure.memory;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.errors.TabClosedException;
import io.presence.core.errors.TabOwnedByOtherUserException;
import io.presence.core.limits.Caps;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import io.presence.core.presence.TabKey;
import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.RecordStateStore;
import io.presence.core.records.StateDiff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link PresenceStore} and {@link RecordStateStore} in this process. Each record is guarded by its own
 * monitor; diffs are handed to listeners while that monitor is held, which keeps them in sequence order
 * per record. Lapses of lock leases and stale flags sit in the same expiry index as tabs, under
 * pseudo tab ids that no tab can have ({@code #lock:field}, {@code #stale}).
 */
public final class InMemoryPresenceStore implements PresenceStore, RecordStateStore {

    private static final Logger LOG = Logger.getLogger(InMemoryPresenceStore.class.getName());

    private final Map<ResourceRef, RecordTabs> records = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>();
    private static final String LOCK_LAPSE = "#lock:";
    private static final String STALE_LAPSE = "#stale";

    private final List<Consumer<PresenceDiff>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<StateDiff>> stateListeners = new CopyOnWriteArrayList<>();

    /** A tab's place in the expiry index, ordered by time. */
    private record Expiry(Instant at, ResourceRef ref, String tabId) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            int c = at.compareTo(o.at);
            if (c == 0) {
                c = ref.toString().compareTo(o.ref.toString());
            }
            return c != 0 ? c : tabId.compareTo(o.tabId);
        }
    }

    /** The tabs of one record and its sequence number; guarded by its own monitor. */
    private static final class RecordTabs {
        final Map<String, TabPresence> tabs = new LinkedHashMap<>();
        /** Tabs closed with their page, until when, and whose they were ({@link #close}). */
        final Map<String, ClosedTab> closed = new HashMap<>();

        final MemoryRecordState state = new MemoryRecordState();

        long seq;
    }

    private record ClosedTab(String userId, Instant until) {}

    @Override
    public HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab, int maxUserTabs) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            TabPresence previous = record.tabs.get(tab.tabId());
            if (previous != null && !previous.userId().equals(tab.userId())) {
                throw new TabOwnedByOtherUserException(tab.tabId());
            }
            if (previous == null && closedTo(record, tab.tabId(), tab.userId(), tab.lastSeen())) {
                throw new TabClosedException(tab.tabId());
            }
            if (previous == null
                    && maxUserTabs > 0
                    && liveTabsOf(record, tab.userId(), tab.lastSeen()) >= maxUserTabs) {
                throw Caps.userTabsExceeded(maxUserTabs);
            }
            record.tabs.put(tab.tabId(), tab);
            if (previous != null) {
                expiries.remove(new Expiry(previous.expiresAt(), ref, tab.tabId()));
            }
            expiries.add(new Expiry(tab.expiresAt(), ref, tab.tabId()));
            records.putIfAbsent(ref, record);
            renewLocks(record, ref, tab.tabId(), tab.lastSeen());
            if (previous == null) {
                emit(record, ref, PresenceDiff.Kind.JOIN, tab, null);
                return HeartbeatOutcome.JOINED;
            }
            if (tab.visiblyDiffersFrom(previous)) {
                emit(record, ref, PresenceDiff.Kind.UPDATE, tab, null);
                return HeartbeatOutcome.UPDATED;
            }
            return HeartbeatOutcome.REFRESHED;
        }
    }

    private static long liveTabsOf(RecordTabs record, String userId, Instant now) {
        return record.tabs.values().stream()
                .filter(t -> t.userId().equals(userId) && t.expiresAt().isAfter(now))
                .count();
    }

    /** Whether the tab was closed with its page for {@code userId} and still is at {@code at}. */
    private static boolean closedTo(RecordTabs record, String tabId, String userId, Instant at) {
        ClosedTab closed = record.closed.get(tabId);
        if (closed == null) {
            return false;
        }
        if (!closed.until().isAfter(at)) {
            record.closed.remove(tabId);
            return false;
        }
        return closed.userId().equals(userId);
    }

    @Override
    public boolean close(ResourceRef ref, String tabId, String userId, Duration closedFor) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            TabPresence tab = record.tabs.get(tabId);
            if (tab != null && !tab.userId().equals(userId)) {
                throw new TabOwnedByOtherUserException(tabId);
            }
            Instant now = Instant.now();
            record.closed.values().removeIf(closed -> !closed.until().isAfter(now));
            record.closed.put(tabId, new ClosedTab(userId, now.plus(closedFor)));
            if (tab == null) {
                return false;
            }
            remove(record, ref, tab, "unregister");
            return true;
        }
    }

    @Override
    public boolean leave(ResourceRef ref, String tabId, String userId, String reason) {
        RecordTabs record = records.get(ref);
        if (record == null) {
            return false;
        }
        synchronized (record) {
            TabPresence tab = record.tabs.get(tabId);
            if (tab == null) {
                return false;
            }
            if (!tab.userId().equals(userId)) {
                throw new TabOwnedByOtherUserException(tabId);
            }
            remove(record, ref, tab, reason);
            return true;
        }
    }

    @Override
    public Snapshot snapshot(ResourceRef ref, Instant now) {
        RecordTabs record = records.get(ref);
        if (record == null) {
            return new Snapshot(0, List.of());
        }
        synchronized (record) {
            List<TabPresence> live = new ArrayList<>(record.tabs.size());
            for (TabPresence tab : record.tabs.values()) {
                if (!tab.expiredAt(now)) {
                    live.add(tab);
                }
            }
            return new Snapshot(record.seq, live, record.state.view(now));
        }
    }

    @Override
    public int sweep(Instant now, int limit) {
        int removed = 0;
        for (Expiry expiry : expiries) {
            if (removed >= limit || expiry.at().isAfter(now)) {
                break;
            }
            expiries.remove(expiry);
            RecordTabs record = records.get(expiry.ref());
            if (record == null) {
                continue;
            }
            synchronized (record) {
                if (expiry.tabId().startsWith("#")) {
                    removed += lapse(record, expiry.ref(), expiry.tabId(), now);
                    continue;
                }
                TabPresence tab = record.tabs.get(expiry.tabId());
                if (tab != null && tab.expiredAt(now)) {
                    remove(record, expiry.ref(), tab, "expired");
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public Set<TabKey> refresh(String node, Collection<TabKey> tabs, Instant expiresAt) {
        Set<TabKey> missing = new HashSet<>();
        for (TabKey key : tabs) {
            RecordTabs record = records.get(key.ref());
            if (record == null) {
                missing.add(key);
                continue;
            }
            synchronized (record) {
                TabPresence tab = record.tabs.get(key.tabId());
                if (tab == null || !tab.node().equals(node)) {
                    missing.add(key);
                    continue;
                }
                expiries.remove(new Expiry(tab.expiresAt(), key.ref(), key.tabId()));
                record.tabs.put(
                        key.tabId(),
                        new TabPresence(
                                tab.tabId(),
                                tab.userId(),
                                tab.userName(),
                                tab.mode(),
                                tab.dirty(),
                                tab.activeField(),
                                tab.lastSeen(),
                                expiresAt,
                                node));
                expiries.add(new Expiry(expiresAt, key.ref(), key.tabId()));
                renewLocks(record, key.ref(), key.tabId(), Instant.now());
            }
        }
        return missing;
    }

    @Override
    public boolean release(TabKey key, String node, String reason) {
        RecordTabs record = records.get(key.ref());
        if (record == null) {
            return false;
        }
        synchronized (record) {
            TabPresence tab = record.tabs.get(key.tabId());
            if (tab == null || !tab.node().equals(node)) {
                return false;
            }
            remove(record, key.ref(), tab, reason);
            return true;
        }
    }

    /** Nothing of an earlier run survives in memory: there is nothing to clear. */
    @Override
    public int clearNode(String node) {
        return 0;
    }

    @Override
    public Map<ResourceRef, Snapshot> activeRecords(String tenant, String type, Instant now, int limit) {
        Map<ResourceRef, Snapshot> active = new LinkedHashMap<>();
        for (ResourceRef ref : records.keySet()) {
            if (active.size() >= limit) {
                break;
            }
            if (ref.tenant().equals(tenant) && ref.type().equals(type)) {
                Snapshot snapshot = snapshot(ref, now);
                if (!snapshot.tabs().isEmpty()) {
                    active.put(ref, snapshot);
                }
            }
        }
        return active;
    }

    private void remove(RecordTabs record, ResourceRef ref, TabPresence tab, String reason) {
        record.tabs.remove(tab.tabId());
        expiries.remove(new Expiry(tab.expiresAt(), ref, tab.tabId()));
        emit(record, ref, PresenceDiff.Kind.LEAVE, tab, reason);
        for (MemoryRecordState.Held held : record.state.heldBy(tab.tabId())) {
            releaseLock(record, ref, held, reason);
        }
    }

    private void emit(RecordTabs record, ResourceRef ref, PresenceDiff.Kind kind, TabPresence tab, String reason) {
        notify(listeners, new PresenceDiff(ref, ++record.seq, kind, tab, reason), ref);
    }

    private static <T> void notify(List<Consumer<T>> targets, T diff, ResourceRef ref) {
        for (Consumer<T> listener : targets) {
            try {
                listener.accept(diff);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence diff listener failed for " + ref, e);
            }
        }
    }

    @Override
    public LockOutcome lock(ResourceRef ref, String field, String userId, String tabId, Duration lease, Instant now) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            TabPresence tab = record.tabs.get(tabId);
            if (tab == null || !tab.userId().equals(userId) || tab.expiredAt(now)) {
                return new LockOutcome(LockOutcome.Status.NO_TAB, null);
            }
            MemoryRecordState.Held held = record.state.locks.get(field);
            if (held != null
                    && !held.lock().lapsedAt(now)
                    && !held.lock().tabId().equals(tabId)) {
                return new LockOutcome(LockOutcome.Status.HELD, held.lock());
            }
            boolean renew = held != null && !held.lock().lapsedAt(now);
            long token = renew ? held.lock().token() : record.state.nextToken(field);
            FieldLock lock = new FieldLock(field, token, userId, tab.userName(), tabId, now.plus(lease));
            record.state.locks.put(field, new MemoryRecordState.Held(lock, lease));
            if (held != null) {
                expiries.remove(new Expiry(held.lock().expiresAt(), ref, LOCK_LAPSE + field));
            }
            expiries.add(new Expiry(lock.expiresAt(), ref, LOCK_LAPSE + field));
            if (renew) {
                return new LockOutcome(LockOutcome.Status.RENEWED, lock);
            }
            emitState(record, ref, StateDiff.Kind.LOCKED, lock, null, null);
            return new LockOutcome(LockOutcome.Status.ACQUIRED, lock);
        }
    }

    @Override
    public UnlockOutcome unlock(ResourceRef ref, String field, String userId, Instant now) {
        RecordTabs record = records.get(ref);
        if (record == null) {
            return new UnlockOutcome(UnlockOutcome.Status.NOT_HELD, null);
        }
        synchronized (record) {
            MemoryRecordState.Held held = record.state.locks.get(field);
            if (held == null || held.lock().lapsedAt(now)) {
                return new UnlockOutcome(UnlockOutcome.Status.NOT_HELD, null);
            }
            if (!held.lock().userId().equals(userId)) {
                return new UnlockOutcome(UnlockOutcome.Status.HELD_BY_OTHER, held.lock());
            }
            releaseLock(record, ref, held, "unlock");
            return new UnlockOutcome(UnlockOutcome.Status.RELEASED, held.lock());
        }
    }

    @Override
    public FieldLock forceUnlock(ResourceRef ref, String field, Instant now) {
        RecordTabs record = records.get(ref);
        if (record == null) {
            return null;
        }
        synchronized (record) {
            MemoryRecordState.Held held = record.state.locks.get(field);
            if (held == null || held.lock().lapsedAt(now)) {
                return null;
            }
            releaseLock(record, ref, held, "forced");
            return held.lock();
        }
    }

    @Override
    public LifecycleOutcome mutating(ResourceRef ref, String busyBy, String eventId, Duration staleFor, Instant now) {
        return lifecycleChange(ref, eventId, now, "mutating", state -> {
            clearStale(ref, state);
            state.busyBy = busyBy;
            state.staleUntil = now.plus(staleFor);
            expiries.add(new Expiry(state.staleUntil, ref, STALE_LAPSE));
        });
    }

    @Override
    public LifecycleOutcome mutated(ResourceRef ref, String eventId, Instant now) {
        return lifecycleChange(ref, eventId, now, "mutated", state -> {
            clearStale(ref, state);
            state.version++;
        });
    }

    /** Applies a lifecycle event once per event id, emitting its diff. */
    private LifecycleOutcome lifecycleChange(
            ResourceRef ref, String eventId, Instant now, String reason, Consumer<MemoryRecordState> change) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            MemoryRecordState state = record.state;
            if (!state.firstSeen(eventId)) {
                return new LifecycleOutcome(false, state.lifecycle().at(now));
            }
            change.accept(state);
            emitState(record, ref, StateDiff.Kind.LIFECYCLE, null, state.lifecycle(), reason);
            return new LifecycleOutcome(true, state.lifecycle());
        }
    }

    @Override
    public BumpOutcome compareAndBump(ResourceRef ref, long expected, Instant now) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            MemoryRecordState state = record.state;
            if (state.version != expected) {
                return new BumpOutcome(false, state.version);
            }
            state.version++;
            emitState(
                    record,
                    ref,
                    StateDiff.Kind.LIFECYCLE,
                    null,
                    state.lifecycle().at(now),
                    "bumped");
            return new BumpOutcome(true, state.version);
        }
    }

    @Override
    public long staleRecords(Instant now) {
        long stale = 0;
        for (RecordTabs record : records.values()) {
            synchronized (record) {
                if (record.state.staleUntil != null && record.state.staleUntil.isAfter(now)) {
                    stale++;
                }
            }
        }
        return stale;
    }

    @Override
    public void addStateListener(Consumer<StateDiff> listener) {
        stateListeners.add(listener);
    }

    /** Moves the leases of the tab's locks to {@code now} plus their lease. */
    private void renewLocks(RecordTabs record, ResourceRef ref, String tabId, Instant now) {
        for (MemoryRecordState.Held held : record.state.heldBy(tabId)) {
            FieldLock lock = held.lock();
            Instant until = now.plus(held.lease());
            if (until.isAfter(lock.expiresAt())) {
                expiries.remove(new Expiry(lock.expiresAt(), ref, LOCK_LAPSE + lock.field()));
                FieldLock renewed =
                        new FieldLock(lock.field(), lock.token(), lock.userId(), lock.userName(), lock.tabId(), until);
                record.state.locks.put(lock.field(), new MemoryRecordState.Held(renewed, held.lease()));
                expiries.add(new Expiry(until, ref, LOCK_LAPSE + lock.field()));
            }
        }
    }

    /** Releases a lapsed lease or stale flag named by an expiry entry; 1 if something lapsed. */
    private int lapse(RecordTabs record, ResourceRef ref, String entry, Instant now) {
        if (entry.equals(STALE_LAPSE)) {
            MemoryRecordState state = record.state;
            if (state.staleUntil == null || state.staleUntil.isAfter(now)) {
                return 0;
            }
            clearStale(ref, state);
            emitState(record, ref, StateDiff.Kind.LIFECYCLE, null, state.lifecycle(), "expired");
            return 1;
        }
        MemoryRecordState.Held held = record.state.locks.get(entry.substring(LOCK_LAPSE.length()));
        if (held == null || !held.lock().lapsedAt(now)) {
            return 0;
        }
        releaseLock(record, ref, held, "expired");
        return 1;
    }

    private void clearStale(ResourceRef ref, MemoryRecordState state) {
        if (state.staleUntil != null) {
            expiries.remove(new Expiry(state.staleUntil, ref, STALE_LAPSE));
        }
        state.busyBy = null;
        state.staleUntil = null;
    }

    private void releaseLock(RecordTabs record, ResourceRef ref, MemoryRecordState.Held held, String reason) {
        FieldLock lock = held.lock();
        record.state.locks.remove(lock.field());
        expiries.remove(new Expiry(lock.expiresAt(), ref, LOCK_LAPSE + lock.field()));
        emitState(record, ref, StateDiff.Kind.UNLOCKED, lock, null, reason);
    }

    private void emitState(
            RecordTabs record,
            ResourceRef ref,
            StateDiff.Kind kind,
            FieldLock lock,
            Lifecycle lifecycle,
            String reason) {
        notify(stateListeners, new StateDiff(ref, ++record.seq, kind, lock, lifecycle, reason), ref);
    }

    @Override
    public void addDiffListener(Consumer<PresenceDiff> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public void close() {
        listeners.clear();
        stateListeners.clear();
    }
}
