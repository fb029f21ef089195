package io.presence.core.hub;

import io.presence.core.status.StatusStore;
import io.presence.core.status.TypingStore;
import io.presence.core.status.UserStatus;
import io.presence.core.status.UserStatuses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users of one tenant as this node follows them: its local subscribers (each watching every user it
 * may see, or only some) and a cache of the users' statuses and typing, kept current by applying
 * changes. The cache is loaded from the store when the first subscriber arrives (the tenant's most
 * recently seen users), grows with users who change or whom a subscriber names, and is dropped with
 * the room, so a snapshot costs no store call.
 *
 * <p>Statuses carry versions: a change older than the cached one (already in what was loaded) is not
 * delivered again. Typing is kept as the conversations each user started and has not stopped; the
 * stores emit every stop, expiry included.
 *
 * <p>Every method must be called while holding this room's monitor, except {@link #subscribers()} (a
 * concurrent map), which fan-out walks outside it, and the batch's methods ({@link #gather}, {@link
 * #gathering}, {@link #takeGathered}), which take a lock of their own that is never held while calling
 * out: a store's listener gathers a change while the store holds the user's entry.
 */
final class UserRoom {

    /** What one subscriber watches: every user ({@code only} null) or only these. */
    record Watch(Set<String> only) {
        boolean includes(String userId) {
            return only == null || only.contains(userId);
        }
    }

    private final String tenant;
    private final Map<Client, Watch> subscribers = new ConcurrentHashMap<>();
    private final Map<String, UserStatus> statuses = new HashMap<>();
    private final Map<String, Set<String>> typing = new HashMap<>();
    private final Set<String> looked = new HashSet<>();
    private List<UserStatus> ordered;
    /** Changes waiting for the room's next batch, oldest first, not applied yet; null when none waits. */
    private List<UserStatus> gathered;

    /** Guards the batch: {@link #gathered}, its times and {@link #batched}. */
    private final Object batchLock = new Object();
    /** When the previous batch was taken ({@link System#nanoTime}), if there was one. */
    private long lastBatchNanos;
    /** When the previous batch's writes ended. */
    private long lastWrittenNanos;

    private boolean batched;
    private boolean loaded;
    private boolean removed;

    UserRoom(String tenant) {
        this.tenant = tenant;
    }

    String tenant() {
        return tenant;
    }

    Map<Client, Watch> subscribers() {
        return subscribers;
    }

    boolean loaded() {
        return loaded;
    }

    /** Loads the tenant's most recently seen users once, and any of {@code wanted} not looked up yet. */
    void load(StatusStore store, TypingStore typingStore, Collection<String> wanted) {
        Instant now = Instant.now();
        List<String> missing = new ArrayList<>();
        if (!loaded) {
            missing.addAll(store.recentUsers(tenant, UserStatuses.SCANNED_USERS, now));
            loaded = true;
        }
        if (wanted != null) {
            wanted.stream().filter(id -> !looked.contains(id)).forEach(missing::add);
        }
        if (missing.isEmpty()) {
            return;
        }
        looked.addAll(missing);
        store.statuses(tenant, missing, now).forEach((id, status) -> {
            UserStatus cached = statuses.get(id);
            if (cached == null || cached.version() < status.version()) {
                statuses.put(id, status);
                ordered = null;
            }
        });
        typingStore.typingIn(tenant, missing, now).forEach((id, conversations) -> typing.computeIfAbsent(
                        id, k -> new HashSet<>())
                .addAll(conversations.keySet()));
    }

    /** Takes a change into the cache; returns it if it is new, null if the cache has it already. */
    UserStatus apply(UserStatus change) {
        UserStatus cached = statuses.get(change.userId());
        if (cached != null && change.version() <= cached.version()) {
            return null;
        }
        statuses.put(change.userId(), change);
        looked.add(change.userId());
        ordered = null;
        return change;
    }

    /**
     * Queues a change, not applied yet, for the room's next batch. If it starts the batch: how long the
     * batch waits, until {@code intervalNanos} after the previous one was taken and half of it after
     * that one was written (at once after a quiet interval); -1 if it joins a batch already waiting.
     */
    long gather(UserStatus status, long nowNanos, long intervalNanos) {
        synchronized (batchLock) {
            boolean first = gathered == null;
            if (first) {
                gathered = new ArrayList<>();
            }
            gathered.add(status);
            if (!first) {
                return -1;
            }
            if (!batched) {
                return 0;
            }
            long due = Math.max(lastBatchNanos + intervalNanos, lastWrittenNanos + intervalNanos / 2);
            return Math.max(0, due - nowNanos);
        }
    }

    /** Whether changes wait for a batch: a later change must join them, or it would overtake them. */
    boolean gathering() {
        synchronized (batchLock) {
            return gathered != null;
        }
    }

    /** The changes gathered for this batch, oldest first; the next change starts a new batch. */
    List<UserStatus> takeGathered(long nowNanos) {
        synchronized (batchLock) {
            List<UserStatus> taken = gathered;
            gathered = null;
            lastBatchNanos = nowNanos;
            lastWrittenNanos = nowNanos;
            batched = true;
            return taken == null ? List.of() : taken;
        }
    }

    /** The batch taken last has been written to every subscriber. */
    void batchWritten(long nowNanos) {
        synchronized (batchLock) {
            lastWrittenNanos = nowNanos;
        }
    }

    void typing(String userId, String conversationId, boolean typing) {
        if (typing) {
            this.typing.computeIfAbsent(userId, id -> new HashSet<>()).add(conversationId);
        } else {
            Set<String> conversations = this.typing.get(userId);
            if (conversations != null && conversations.remove(conversationId) && conversations.isEmpty()) {
                this.typing.remove(userId);
            }
        }
    }

    /** The conversations the user types in (not yet filtered by who asks). */
    Set<String> typingOf(String userId) {
        return typing.getOrDefault(userId, Set.of());
    }

    UserStatus status(String userId) {
        return statuses.get(userId);
    }

    /** The cached users, most recently seen first (then by id), kept until the next change. */
    List<UserStatus> ordered() {
        if (ordered == null) {
            List<UserStatus> all = new ArrayList<>(statuses.values());
            all.sort(Comparator.comparing(UserStatus::lastSeen).reversed().thenComparing(UserStatus::userId));
            ordered = List.copyOf(all);
        }
        return ordered;
    }

    /** Marks the room dropped from the registry; a subscriber that still finds it must look again. */
    void markRemoved() {
        removed = true;
    }

    boolean removed() {
        return removed;
    }
}
