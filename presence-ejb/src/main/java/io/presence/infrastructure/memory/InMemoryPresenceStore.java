package io.presence.infrastructure.memory;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.errors.TabClosedException;
import io.presence.core.errors.TabOwnedByOtherUserException;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import io.presence.core.presence.TabKey;
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
 * {@link PresenceStore} in this process. Each record is guarded by its own monitor; diffs are handed to
 * listeners while that monitor is held, which keeps them in sequence order per record.
 */
public final class InMemoryPresenceStore implements PresenceStore {

    private static final Logger LOG = Logger.getLogger(InMemoryPresenceStore.class.getName());

    private final Map<ResourceRef, RecordTabs> records = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>();
    private final List<Consumer<PresenceDiff>> listeners = new CopyOnWriteArrayList<>();

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

        long seq;
    }

    private record ClosedTab(String userId, Instant until) {}

    @Override
    public HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab) {
        RecordTabs record = records.computeIfAbsent(ref, r -> new RecordTabs());
        synchronized (record) {
            TabPresence previous = record.tabs.get(tab.tabId());
            if (previous != null && !previous.userId().equals(tab.userId())) {
                throw new TabOwnedByOtherUserException(tab.tabId());
            }
            if (previous == null && closedTo(record, tab.tabId(), tab.userId(), tab.lastSeen())) {
                throw new TabClosedException(tab.tabId());
            }
            record.tabs.put(tab.tabId(), tab);
            if (previous != null) {
                expiries.remove(new Expiry(previous.expiresAt(), ref, tab.tabId()));
            }
            expiries.add(new Expiry(tab.expiresAt(), ref, tab.tabId()));
            records.putIfAbsent(ref, record);
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
            return new Snapshot(record.seq, live);
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
    }

    private void emit(RecordTabs record, ResourceRef ref, PresenceDiff.Kind kind, TabPresence tab, String reason) {
        PresenceDiff diff = new PresenceDiff(ref, ++record.seq, kind, tab, reason);
        for (Consumer<PresenceDiff> listener : listeners) {
            try {
                listener.accept(diff);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence diff listener failed for " + ref, e);
            }
        }
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
    }
}
