package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.participants.ConversationParticipants;
import io.presence.core.status.Status;
import io.presence.core.status.StatusChanged;
import io.presence.core.status.TypingChanged;
import io.presence.core.status.UserPresence;
import io.presence.core.status.UserStatus;
import io.presence.core.status.UserStatuses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's rooms of users, one per tenant: a tenant's staff watching each other is a large room, so a
 * status change is fanned out like a record's diff: queued on the user's {@link Lanes lane} (a user's
 * changes stay in order), applied to the room's cache, built once ({@link Memo}) and handed to every
 * subscriber that may see the user. Typing goes to the conversation's participants: the subscribers of
 * the conversation's record and the room's subscribers who may see the conversation, once each.
 */
final class UserRooms {

    private static final Logger LOG = Logger.getLogger(UserRooms.class.getName());

    private final UserPorts ports;
    private final Lanes lanes;
    private final BiPredicate<Caller, ResourceRef> recordVisibility;
    private final Function<ResourceRef, Set<Client>> recordSubscribers;
    private final Map<String, UserRoom> rooms = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final NodeDevices devices;
    private final Duration batch;
    private final int batchAbove;

    UserRooms(
            UserPorts ports,
            Lanes lanes,
            BiPredicate<Caller, ResourceRef> recordVisibility,
            Function<ResourceRef, Set<Client>> recordSubscribers,
            HubSettings settings,
            ThreadFactory threads) {
        this.ports = ports;
        this.lanes = lanes;
        this.recordVisibility = recordVisibility;
        this.recordSubscribers = recordSubscribers;
        this.timers = new ScheduledThreadPoolExecutor(1, threads);
        timers.setRemoveOnCancelPolicy(true);
        this.devices = new NodeDevices(ports, settings.nodeId(), settings.grace(), timers);
        this.batch = settings.batch();
        this.batchAbove = settings.batchAbove();
    }

    void start() {
        ports.statuses().addStatusListener(this::statusChanged);
        ports.typing().addTypingListener(change -> lanes.execute(change.user(), () -> fanOut(change)));
        devices.start();
    }

    /**
     * Subscribes the client to its tenant's users ({@code only} null: all it may see) and sends the
     * snapshot the changes continue; a second subscription replaces the first.
     *
     * @return whether this added a subscription (false when it replaced one)
     */
    boolean subscribe(Client client, Set<String> only, Object correlationId) {
        while (true) {
            UserRoom room = rooms.computeIfAbsent(client.caller().tenant(), UserRoom::new);
            synchronized (room) {
                if (room.removed()) {
                    continue;
                }
                room.load(ports.statuses(), ports.typing(), only);
                boolean added = room.subscribers().put(client, new UserRoom.Watch(client, only, room.logEnd())) == null;
                client.send(snapshot(room, client, only, correlationId));
                return added;
            }
        }
    }

    /** Whether the client subscribes to its tenant's users. */
    boolean watches(Client client) {
        UserRoom room = rooms.get(client.caller().tenant());
        return room != null && room.subscribers().containsKey(client);
    }

    /** @return whether the client was subscribed */
    boolean unsubscribe(Client client) {
        UserRoom room = rooms.get(client.caller().tenant());
        if (room == null || !room.subscribers().containsKey(client)) {
            return false;
        }
        synchronized (room) {
            boolean removed = room.subscribers().remove(client) != null;
            if (room.subscribers().isEmpty()) {
                room.markRemoved();
                rooms.remove(room.tenant(), room);
            }
            return removed;
        }
    }

    /** Drops what the tenant's users subscribers remember about seeing the record (its typing). */
    void forget(ResourceRef ref) {
        UserRoom room = rooms.get(ref.tenant());
        if (room != null) {
            room.subscribers().keySet().forEach(client -> client.forgetRecord(ref));
        }
    }

    /**
     * Asks again which of the tenant's users each of its subscribers may see, after a plugin's rules of
     * who sees whom changed. A subscriber for whom any answer changed gets a fresh snapshot, which
     * replaces the one it had: users it may no longer see are gone from it and nothing more of them
     * follows, users it may now see are in it and their changes follow. The others hear nothing.
     * Runs on the tenant's lane, so no status change queued before it is filtered by the new answers.
     */
    void review(String tenant) {
        if (ports.tenantWide()) {
            return;
        }
        UserRoom room = rooms.get(tenant);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.removed() || !room.loaded()) {
                return;
            }
            room.subscribers().forEach((client, watch) -> {
                if (answersChanged(room, client, watch)) {
                    client.send(snapshot(room, client, watch.only(), null));
                }
            });
        }
    }

    /** Asks again about every cached user the subscriber watches; true if any answer differs. */
    private boolean answersChanged(UserRoom room, Client client, UserRoom.Watch watch) {
        Collection<String> users = watch.only() != null
                ? watch.only()
                : room.ordered().stream().map(UserStatus::userId).toList();
        boolean changed = false;
        for (String userId : users) {
            Boolean before = client.sawUser(userId);
            boolean now =
                    client.canSeeUserAgain(userId, id -> ports.visibility().test(client.caller(), id));
            changed |= before == null || before != now;
        }
        return changed;
    }

    /** The connection reports the status of one of its devices (see {@link NodeDevices}). */
    UserStatus report(Client client, String deviceId, Status status) {
        return devices.report(client, deviceId, status);
    }

    /** @return whether the client was subscribed */
    boolean disconnect(Client client, boolean release) {
        devices.closed(client, release);
        return unsubscribe(client);
    }

    int localDevices() {
        return devices.size();
    }

    /** One device refresh round now (a timer runs it every third of the device timeout). */
    void refreshDevices() {
        devices.refresh();
    }

    private HubMessage snapshot(UserRoom room, Client client, Collection<String> only, Object correlationId) {
        List<UserStatus> candidates = new ArrayList<>();
        if (only == null) {
            candidates.addAll(room.ordered());
        } else {
            only.stream().map(room::status).filter(status -> status != null).forEach(candidates::add);
        }
        List<UserPresence> users = new ArrayList<>();
        boolean truncated = false;
        for (UserStatus status : candidates) {
            if (!canSee(client, status.userId())) {
                continue;
            }
            if (users.size() == UserStatuses.MAX_USERS) {
                truncated = true;
                break;
            }
            users.add(new UserPresence(
                    status.userId(), status.status(), status.lastSeen(), sharedTyping(room, client, status.userId())));
        }
        return new HubMessage.UserSnapshot(users, truncated, client.caller().userId(), correlationId);
    }

    private List<String> sharedTyping(UserRoom room, Client client, String userId) {
        return room.typingOf(userId).stream()
                .filter(conversation -> canSeeConversation(client, conversation))
                .sorted()
                .toList();
    }

    private boolean canSee(Client client, String userId) {
        if (ports.tenantWide()) {
            return true;
        }
        return client.canSeeUser(userId, id -> ports.visibility().test(client.caller(), id));
    }

    private boolean canSeeConversation(Client client, String conversationId) {
        ResourceRef ref = new ResourceRef(client.caller().tenant(), ConversationParticipants.TYPE, conversationId);
        return client.canSee(ref, r -> recordVisibility.test(client.caller(), r));
    }

    /**
     * Hands a change to the room's subscribers: at once, or in a large room ({@code
     * presence.hub.batch-above} subscribers) by the room's sweep ({@link #gather}), so that each watcher
     * gets several changes in one write instead of one write per change (at 50 changes a second, 5,000
     * watchers are 250,000 writes a second otherwise).
     *
     * <p>A small room's changes run on the tenant's lane; a large room's join the sweep on the reporting
     * thread ({@link #gather}), and a change that finds a sweep under way joins it, whatever the room's
     * size does meanwhile. The room's cache drops a version older than the one it holds, so no user's
     * status goes back. A subscriber added meanwhile is in the map before its snapshot is made, so it
     * gets a change in its snapshot or after it (at worst both: the same status again, harmless).
     */
    private void statusChanged(StatusChanged change) {
        UserRoom room = rooms.get(change.tenant());
        if (room != null && batches(room)) {
            gather(room, change.status());
        } else {
            lanes.execute(change.tenant(), () -> fanOut(change));
        }
    }

    /** Whether the room's changes go out by its sweep. */
    private boolean batches(UserRoom room) {
        return !batch.isZero() && (room.gathering() || room.subscribers().size() > batchAbove);
    }

    /**
     * Adds a change to the room's sweep on the calling thread (the store's listener, or the lane), so
     * that it never waits behind the lane writing to thousands of watchers, and starts the sweep if it
     * was not running: at once after a quiet interval, else an interval after the previous round began.
     */
    private void gather(UserRoom room, UserStatus status) {
        long delay = room.gather(status, System.nanoTime(), batch.toNanos());
        if (delay >= 0) {
            sweepIn(room, delay);
        }
    }

    private void sweepIn(UserRoom room, long delayNanos) {
        if (delayNanos == 0) {
            lanes.execute(room.tenant(), () -> sweep(room));
        } else {
            timers.schedule(() -> lanes.execute(room.tenant(), () -> sweep(room)), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One step of a large room's sweep, on the tenant's lane: applies the changes gathered so far to the
     * room's cache and appends those that are news to its log, begins a round if none is under way, and
     * writes the round's next chunk of subscribers. The next chunk is queued behind whatever else the
     * lane has to do; after the last one the next round begins an interval after this one began (and a
     * quarter of one after it ended, so a node that writes slowly writes less often), if anything is
     * left to write. Each subscriber is written once per round, so at most once per {@code
     * presence.hub.batch-ms}, and a change waits at most about one interval or one round, whichever is
     * longer, instead of one interval and then one round.
     */
    private void sweep(UserRoom room) {
        long interval = batch.toNanos();
        try {
            List<UserStatus> gathered = room.takeGathered();
            synchronized (room) {
                if (room.removed() || !room.loaded()) {
                    room.abandonSweep(System.nanoTime(), interval);
                    return;
                }
                for (UserStatus status : gathered) {
                    UserStatus news = room.apply(status);
                    if (news != null) {
                        room.append(new HubMessage.UserStatusChange(news, new Memo()));
                    }
                }
                if (!room.inRound()) {
                    room.startRound(System.nanoTime());
                }
            }
            writeChunk(room);
            if (!room.roundDone()) {
                lanes.execute(room.tenant(), () -> sweep(room));
                return;
            }
            long delay = room.endRound(System.nanoTime(), interval);
            if (delay >= 0) {
                sweepIn(room, delay);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fan-out of status changes in tenant " + room.tenant() + " failed", e);
            long delay;
            synchronized (room) {
                delay = room.abandonSweep(System.nanoTime(), interval);
            }
            if (delay >= 0) {
                sweepIn(room, delay);
            }
        }
    }

    /**
     * Writes each subscription of the round's next chunk the log from where it stood to the log's end.
     * Those who stood at the same place and get all of it (nothing narrows who sees whom) share one
     * message, built once ({@link HubMessage.UserStatusBatch}, or the change itself when it is one):
     * one entry in their queues and the shared bytes, written as the lane goes. The others get the
     * changes they watch and may see, each built once, written when the lane is idle.
     */
    private void writeChunk(UserRoom room) {
        long end = room.logEnd();
        Map<Long, List<HubMessage.UserStatusChange>> slices = new HashMap<>(4);
        Map<Long, HubMessage> shared = new HashMap<>(4);
        for (UserRoom.Watch watch : room.nextChunk()) {
            Client client = watch.client();
            long from = Math.max(watch.position(), room.logStart());
            if (from >= end || room.subscribers().get(client) != watch) {
                continue;
            }
            List<HubMessage.UserStatusChange> changes = slices.computeIfAbsent(from, f -> room.logSlice(f, end));
            if (getsAll(client, watch, changes)) {
                client.sendNow(shared.computeIfAbsent(
                        from,
                        f -> changes.size() == 1
                                ? changes.get(0)
                                : new HubMessage.UserStatusBatch(changes, new Memo())));
            } else {
                for (HubMessage.UserStatusChange change : changes) {
                    String userId = change.status().userId();
                    if (watch.includes(userId) && canSee(client, userId)) {
                        client.send(change);
                    }
                }
            }
            watch.position(end);
        }
    }

    private void fanOut(StatusChanged change) {
        try {
            UserRoom room = rooms.get(change.tenant());
            if (room == null) {
                return;
            }
            if (batches(room)) {
                gather(room, change.status());
                return;
            }
            UserStatus status;
            synchronized (room) {
                if (room.removed() || !room.loaded()) {
                    return;
                }
                status = room.apply(change.status());
            }
            if (status != null) {
                deliver(room, status);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "fan-out of the status of user " + change.status().userId() + " failed",
                    e);
        }
    }

    /** Delivers a small room's change to every subscriber that watches the user and may see it. */
    private void deliver(UserRoom room, UserStatus status) {
        HubMessage.UserStatusChange message = new HubMessage.UserStatusChange(status, new Memo());
        room.subscribers().forEach((client, watch) -> {
            if (watch.includes(status.userId()) && canSee(client, status.userId())) {
                client.send(message);
            }
        });
    }

    private boolean getsAll(Client client, UserRoom.Watch watch, List<HubMessage.UserStatusChange> changes) {
        for (HubMessage.UserStatusChange change : changes) {
            String userId = change.status().userId();
            if (!watch.includes(userId) || !canSee(client, userId)) {
                return false;
            }
        }
        return true;
    }

    private void fanOut(TypingChanged change) {
        try {
            HubMessage message = new HubMessage.TypingChange(change, new Memo());
            ResourceRef conversation =
                    new ResourceRef(change.tenant(), ConversationParticipants.TYPE, change.conversationId());
            Set<Client> watchers = recordSubscribers.apply(conversation);
            watchers.forEach(client -> client.send(message));
            UserRoom room = rooms.get(change.tenant());
            if (room == null) {
                return;
            }
            synchronized (room) {
                if (room.removed() || !room.loaded()) {
                    return;
                }
                room.typing(change.userId(), change.conversationId(), change.typing());
                room.subscribers().forEach((client, watch) -> {
                    if (!watchers.contains(client)
                            && watch.includes(change.userId())
                            && canSeeConversation(client, change.conversationId())) {
                        client.send(message);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fan-out of the typing of user " + change.userId() + " failed", e);
        }
    }

    void close() {
        timers.shutdownNow();
    }
}
