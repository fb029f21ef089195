package io.presence.infrastructure.memory;

import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The locks and lifecycle of one record in {@link InMemoryPresenceStore}; guarded by the monitor of the
 * record's tabs, like everything of the record.
 */
final class MemoryRecordState {

    /** How many lifecycle event ids a record remembers to recognise a duplicate delivery. */
    static final int RECENT_EVENTS = 32;

    /** A lock and the lease it is renewed by. */
    record Held(FieldLock lock, Duration lease) {}

    final Map<String, Held> locks = new TreeMap<>();
    final Map<String, Long> fences = new HashMap<>();
    private final Deque<String> recentEvents = new ArrayDeque<>();
    long version;
    String busyBy;
    Instant staleUntil;

    RecordState view(Instant now) {
        List<FieldLock> live = new ArrayList<>(locks.size());
        for (Held held : locks.values()) {
            if (!held.lock().lapsedAt(now)) {
                live.add(held.lock());
            }
        }
        return new RecordState(lifecycle().at(now), live);
    }

    Lifecycle lifecycle() {
        return new Lifecycle(version, busyBy, staleUntil);
    }

    long nextToken(String field) {
        return fences.merge(field, 1L, Long::sum);
    }

    /** Remembers an event id; false if it was seen already. */
    boolean firstSeen(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            return true;
        }
        if (recentEvents.contains(eventId)) {
            return false;
        }
        recentEvents.addLast(eventId);
        if (recentEvents.size() > RECENT_EVENTS) {
            recentEvents.removeFirst();
        }
        return true;
    }

    /** The locks a tab holds. */
    List<Held> heldBy(String tabId) {
        List<Held> held = new ArrayList<>();
        for (Held entry : locks.values()) {
            if (entry.lock().tabId().equals(tabId)) {
                held.add(entry);
            }
        }
        return held;
    }
}
