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
 * <p>A large room's changes go out by a <em>sweep</em> ({@link UserRooms}): each change, once applied, is
 * appended to the room's log, and the fan-out lane walks the subscribers in chunks, writing each of them
 * the log from where it stood to the log's end at that moment. A change that arrives while a round is
 * under way reaches the chunks not yet written in the same round, so no change waits for a whole
 * interval and then for a whole round: the wait is at most one period of the sweep.
 *
 * <p>Every method must be called while holding this room's monitor, except {@link #subscribers()} (a
 * concurrent map), which fan-out walks outside it; the sweep's methods, which only the tenant's lane
 * calls (those that append to the log hold the monitor too, so that a subscription reads a log end
 * that matches the cache its snapshot is made from); and the gathering methods ({@link #gather},
 * {@link #gathering}, {@link #takeGathered}, {@link #endRound}), which take a lock of their own that is
 * never held while calling out: a store's listener gathers a change while the store holds the user's
 * entry.
 */
final class UserRoom {

    /**
     * One subscription: what it watches (every user, {@code only} null, or only these), and how far the
     * sweep has written the room's log to it.
     */
    static final class Watch {

        private final Client client;
        private final Set<String> only;
        /** The log position of the first change not written to it yet: set when it subscribes, then by the lane. */
        private volatile long position;

        Watch(Client client, Set<String> only, long position) {
            this.client = client;
            this.only = only;
            this.position = position;
        }

        Client client() {
            return client;
        }

        Set<String> only() {
            return only;
        }

        boolean includes(String userId) {
            return only == null || only.contains(userId);
        }

        long position() {
            return position;
        }

        void position(long position) {
            this.position = position;
        }
    }

    /** The fewest subscribers the sweep writes in one step, and the most steps a round takes. */
    private static final int MIN_CHUNK = 64;

    private static final int CHUNKS_PER_ROUND = 16;

    private final String tenant;
    private final Map<Client, Watch> subscribers = new ConcurrentHashMap<>();
    private final Map<String, UserStatus> statuses = new HashMap<>();
    private final Map<String, Set<String>> typing = new HashMap<>();
    private final Set<String> looked = new HashSet<>();
    private List<UserStatus> ordered;
    /** Changes reported and not applied yet, oldest first; null when none waits. */
    private List<UserStatus> gathered;

    /** Guards {@link #gathered}, {@link #sweeping} and the round times. */
    private final Object batchLock = new Object();
    /** Whether a sweep runs or is due: every change must then join it, or it would overtake others. */
    private boolean sweeping;

    private boolean swept;
    private long lastRoundStartNanos;
    private long lastRoundEndNanos;

    // The sweep's state, used by the tenant's lane only.
    /** Changes applied and not yet written to every subscriber, in order; {@code log.get(0)} is at {@link #logStart}. */
    private final List<HubMessage.UserStatusChange> log = new ArrayList<>();

    private long logStart;
    /** The log position after its last change (read by a subscription, under the monitor). */
    private long logEnd;
    /** The subscriptions of the round under way, walked in chunks from {@link #cursor}; null between rounds. */
    private List<Watch> round;

    private int cursor;
    private int chunk;
    /** The log's end when the round began: every subscription has at least that much once it ends. */
    private long roundFrom;

    private boolean loaded;
    private volatile boolean removed;

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
     * Queues a change, not applied yet, for the sweep. Returns how long until the sweep must start, if
     * this change starts it: an interval after the previous round began and a quarter of one after it
     * ended (at once after a quiet interval); -1 if a sweep runs or is due already.
     */
    long gather(UserStatus status, long nowNanos, long intervalNanos) {
        synchronized (batchLock) {
            if (gathered == null) {
                gathered = new ArrayList<>();
            }
            gathered.add(status);
            if (sweeping) {
                return -1;
            }
            sweeping = true;
            return swept ? nextRoundDelay(nowNanos, intervalNanos) : 0;
        }
    }

    private long nextRoundDelay(long nowNanos, long intervalNanos) {
        long due = Math.max(lastRoundStartNanos + intervalNanos, lastRoundEndNanos + intervalNanos / 4);
        return Math.max(0, due - nowNanos);
    }

    /** Whether a sweep runs or is due: a later change must join it, or it would overtake the others. */
    boolean gathering() {
        synchronized (batchLock) {
            return sweeping;
        }
    }

    /** The changes gathered so far, oldest first. */
    List<UserStatus> takeGathered() {
        synchronized (batchLock) {
            List<UserStatus> taken = gathered;
            gathered = null;
            return taken == null ? List.of() : taken;
        }
    }

    /** Appends a change just applied to the cache to the log. */
    void append(HubMessage.UserStatusChange change) {
        log.add(change);
        logEnd++;
    }

    long logEnd() {
        return logEnd;
    }

    boolean inRound() {
        return round != null;
    }

    /** Begins a round over the current subscriptions. */
    void startRound(long nowNanos) {
        round = new ArrayList<>(subscribers.values());
        cursor = 0;
        chunk = Math.max(MIN_CHUNK, (round.size() + CHUNKS_PER_ROUND - 1) / CHUNKS_PER_ROUND);
        roundFrom = logEnd;
        synchronized (batchLock) {
            lastRoundStartNanos = nowNanos;
            swept = true;
        }
    }

    /** The round's next chunk of subscriptions. */
    List<Watch> nextChunk() {
        int to = Math.min(round.size(), cursor + chunk);
        List<Watch> next = round.subList(cursor, to);
        cursor = to;
        return next;
    }

    boolean roundDone() {
        return cursor >= round.size();
    }

    /** The changes from log position {@code from} to {@code to}, as a list of their own. */
    List<HubMessage.UserStatusChange> logSlice(long from, long to) {
        return List.copyOf(log.subList((int) (Math.max(from, logStart) - logStart), (int) (to - logStart)));
    }

    long logStart() {
        return logStart;
    }

    /**
     * Ends the round: every subscription now has the log up to where the round began (later ones
     * started at the log's end), so that part is dropped. Returns how long until the next round if
     * changes are still to be written (appended during this round, or gathered), else -1 and the sweep
     * stops.
     */
    long endRound(long nowNanos, long intervalNanos) {
        log.subList(0, (int) (roundFrom - logStart)).clear();
        logStart = roundFrom;
        boolean unwritten = logEnd > roundFrom;
        round = null;
        synchronized (batchLock) {
            lastRoundEndNanos = nowNanos;
            if (!unwritten && gathered == null) {
                sweeping = false;
                return -1;
            }
            return nextRoundDelay(nowNanos, intervalNanos);
        }
    }

    /** Stops the sweep of a room that is gone or failed; changes gathered meanwhile restart it. */
    long abandonSweep(long nowNanos, long intervalNanos) {
        round = null;
        log.clear();
        logStart = logEnd;
        subscribers.values().forEach(watch -> watch.position(Math.max(watch.position(), logEnd)));
        synchronized (batchLock) {
            lastRoundEndNanos = nowNanos;
            if (gathered == null || removed) {
                sweeping = false;
                return -1;
            }
            return nextRoundDelay(nowNanos, intervalNanos);
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
