package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.core.events.ResourceEvent;
import io.presence.core.metrics.Counters;
import io.presence.core.presence.AccessChanges;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import io.presence.core.presence.TabKey;
import io.presence.core.records.RecordStateStore;
import io.presence.core.records.StateDiff;
import io.presence.core.status.Status;
import io.presence.core.status.UserStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who on this node watches what, and the fan-out of diffs and resource events to them, for any
 * transport: a transport {@link #connect connects} a {@link Subscriber} and calls the hub with the
 * {@link Client} it gets back.
 *
 * <p>How a message reaches a room: the store's diff (from any node) is queued on the record's {@link
 * Lanes lane}; the lane applies it to the room's cache, builds one {@link HubMessage.Diff} and hands the
 * same object to every subscriber, whose transport encodes it once (its {@link Memo}) and queues the
 * bytes; the lane writes them when it is idle ({@link Lanes}). Snapshots are built once per room state and shared by every subscriber that joins before the
 * next change; a room larger than {@code snapshotViewers} lists only that many viewers and counts the
 * rest.
 *
 * <p>Order: a room's monitor is held while a new subscriber gets its snapshot and while a diff is
 * delivered, so a subscriber sees its snapshot and then exactly the diffs after it.
 */
public class Hub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    private final PresenceStore store;
    private final RecordStateStore records;
    private final BiPredicate<Caller, ResourceRef> visibility;
    private final HubSettings settings;
    private final Lanes lanes;
    private final NodeTabs tabs;
    private final UserRooms users;
    private final Map<ResourceRef, RecordRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, TypeRoom> types = new ConcurrentHashMap<>();
    private final HubMetrics metrics;
    private final AccessReview access;

    /**
     * @param visibility whether a caller may see an existing record (the plugins' rule)
     * @param writer writes a node tab through the presence service (access checks included)
     * @param userPorts the status and typing stores and rules, for the rooms of users
     * @param threads makes the hub's fan-out and timer threads
     * @param metrics where subscriptions, deliveries and local tabs are reported
     */
    public Hub(
            PresenceStore store,
            RecordStateStore records,
            BiPredicate<Caller, ResourceRef> visibility,
            NodeTabs.TabWriter writer,
            UserPorts userPorts,
            HubSettings settings,
            ThreadFactory threads,
            Counters metrics) {
        this.store = store;
        this.records = records;
        this.visibility = visibility;
        this.settings = settings;
        this.lanes = new Lanes(settings.lanes(), threads);
        this.tabs = new NodeTabs(store, writer, settings, threads);
        this.users = new UserRooms(userPorts, lanes, visibility, this::recordSubscribers, settings, threads);
        this.metrics = new HubMetrics(metrics, tabs::census);
        this.access = new AccessReview(new ReviewedRooms(), visibility);
    }

    /** From now on every diff of every node comes here; clears what an earlier run of this node left. */
    public void start() {
        store.addDiffListener(diff -> lanes.execute(diff.ref(), () -> fanOut(diff)));
        records.addStateListener(diff -> lanes.execute(diff.ref(), () -> fanOut(diff)));
        tabs.start();
        users.start();
    }

    /** A resource event from the event bus: delivered to the record's and its type's subscribers. */
    public void onEvent(ResourceEvent event) {
        lanes.execute(event.ref(), () -> deliver(event));
    }

    /**
     * Asks again, for every connection of this node that watches the record, whether its caller may
     * still see it; call it when anything the record's visibility depends on changed (its participants,
     * a plugin's rules). Those that lost access hear of it and get nothing more of the record; type
     * subscribers that gained access start receiving it (see {@link AccessReview}). Other nodes are told
     * through the {@link AccessChanges} bus, which calls this on each node. For {@link
     * AccessChanges#users} it asks instead which users the tenant's users subscribers may see.
     */
    public void reevaluateAccess(ResourceRef ref) {
        if (AccessChanges.isUsers(ref)) {
            lanes.execute(ref.tenant(), () -> {
                try {
                    users.review(ref.tenant());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "re-evaluating who sees whom in tenant " + ref.tenant() + " failed", e);
                }
            });
            return;
        }
        lanes.execute(ref, () -> {
            try {
                access.review(ref);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "re-evaluating who may see " + ref + " failed", e);
            }
        });
    }

    public Client connect(Subscriber subscriber) {
        return new Client(subscriber, lanes, metrics);
    }

    /** Forgets a closed connection's subscriptions; its tabs leave now ({@code release}) or after grace. */
    public void disconnect(Client client, boolean release) {
        for (ResourceRef ref : client.watchedRecords().toArray(ResourceRef[]::new)) {
            unsubscribeRecord(client, ref);
        }
        for (String type : client.watchedTypes().toArray(String[]::new)) {
            unsubscribeType(client, type);
        }
        tabs.closed(client, release);
        if (users.disconnect(client, release)) {
            metrics.userSubscriptions.decrementAndGet();
        }
    }

    /**
     * Subscribes the client to the status and typing of its tenant's users that it may see ({@code
     * only} null) or of those named, and sends it their snapshot; replaces an earlier users subscription.
     */
    public void subscribeUsers(Client client, Set<String> only, Object correlationId) {
        if (!users.watches(client)) {
            settings.caps().checkSubscriptions(subscriptionsOf(client));
        }
        if (users.subscribe(client, only == null ? null : Set.copyOf(only), correlationId)) {
            metrics.userSubscriptions.incrementAndGet();
        }
    }

    public void unsubscribeUsers(Client client) {
        if (users.unsubscribe(client)) {
            metrics.userSubscriptions.decrementAndGet();
        }
    }

    /**
     * Makes the connection a device of its caller with {@code status} (offline: no longer one), kept
     * alive while the connection lives; rate limited as every status report. Returns the user's status.
     */
    public UserStatus reportStatus(Client client, String deviceId, Status status) {
        return users.report(client, deviceId, status);
    }

    /**
     * Adds a record subscriber (access already checked) and sends it the snapshot its diffs continue;
     * refuses a new subscription beyond the connection's cap.
     */
    public void subscribeRecord(Client client, ResourceRef ref, Object correlationId) {
        if (!client.watchedRecords().contains(ref)) {
            settings.caps().checkSubscriptions(subscriptionsOf(client));
        }
        while (true) {
            RecordRoom room = rooms.computeIfAbsent(ref, RecordRoom::new);
            synchronized (room) {
                if (room.removed()) {
                    continue;
                }
                RoomView view = room.view(store, settings.snapshotViewers());
                if (room.subscribers().add(client)) {
                    metrics.recordSubscriptions.incrementAndGet();
                    client.watchedRecords().add(ref);
                }
                client.send(new HubMessage.RecordSnapshot(view, client.caller().userId(), correlationId));
                return;
            }
        }
    }

    /**
     * Adds a type subscriber and sends it the records of the type that have tabs and it may see; refuses
     * a new subscription beyond the connection's cap.
     */
    public void subscribeType(Client client, String type, Object correlationId) {
        if (!client.watchedTypes().contains(type)) {
            settings.caps().checkSubscriptions(subscriptionsOf(client));
        }
        String tenant = client.caller().tenant();
        TypeRoom room = types.computeIfAbsent(tenant + ":" + type, key -> new TypeRoom());
        synchronized (room) {
            Map<ResourceRef, Snapshot> active =
                    store.activeRecords(tenant, type, Instant.now(), settings.typeSnapshotRecords());
            Map<ResourceRef, RoomView> visible = new HashMap<>();
            Map<ResourceRef, Long> floors = new ConcurrentHashMap<>();
            active.forEach((ref, snapshot) -> {
                if (client.canSee(ref, r -> visibility.test(client.caller(), r))) {
                    visible.put(
                            ref,
                            RoomView.of(
                                    ref,
                                    snapshot.seq(),
                                    snapshot.tabs(),
                                    snapshot.state(),
                                    settings.snapshotViewers()));
                    floors.put(ref, snapshot.seq());
                }
            });
            if (room.subscribers().put(client, floors) == null) {
                metrics.typeSubscriptions.incrementAndGet();
                client.watchedTypes().add(type);
            }
            client.send(
                    new HubMessage.TypeSnapshot(type, visible, client.caller().userId(), correlationId));
        }
    }

    public void unsubscribeRecord(Client client, ResourceRef ref) {
        RecordRoom room = rooms.get(ref);
        client.watchedRecords().remove(ref);
        if (room != null) {
            synchronized (room) {
                if (room.subscribers().remove(client)) {
                    metrics.recordSubscriptions.decrementAndGet();
                }
                dropIfIdle(room);
            }
        }
    }

    public void unsubscribeType(Client client, String type) {
        client.watchedTypes().remove(type);
        TypeRoom room = types.get(client.caller().tenant() + ":" + type);
        if (room != null && room.subscribers().remove(client) != null) {
            metrics.typeSubscriptions.decrementAndGet();
        }
    }

    /**
     * Makes the connection a tab of the record (or updates its tab) and subscribes it to the record if
     * it was not; returns the record. A new tab beyond the connection's caps (tabs, or subscriptions
     * when it does not watch the record yet) is refused before it is written.
     */
    public ResourceRef presence(Client client, String type, String id, HeartbeatCommand command, Object correlationId) {
        if (!client.watchedRecords().contains(new ResourceRef(client.caller().tenant(), type, id))) {
            settings.caps().checkSubscriptions(subscriptionsOf(client));
        }
        ResourceRef ref = tabs.presence(client, type, id, command);
        if (!client.watchedRecords().contains(ref)) {
            subscribeRecord(client, ref, correlationId);
        }
        return ref;
    }

    /** Removes the connection's tab at once (reason {@code unregister}); false if there was none. */
    public boolean leave(Client client, ResourceRef ref, String tabId) {
        return tabs.leave(client, ref, tabId);
    }

    /** How many are on a record, listing nobody: from this node's cache when it follows the record. */
    public RoomCounts counts(ResourceRef ref) {
        RecordRoom room = rooms.get(ref);
        if (room != null) {
            synchronized (room) {
                if (!room.removed()) {
                    return room.view(store, settings.snapshotViewers()).counts();
                }
            }
        }
        return storedView(ref, 1).counts();
    }

    private RoomView storedView(ResourceRef ref, int viewerLimit) {
        Snapshot snapshot = store.snapshot(ref, Instant.now());
        return RoomView.of(ref, snapshot.seq(), snapshot.tabs(), snapshot.state(), viewerLimit);
    }

    /** One refresh of this node's tabs now (a timer runs it every third of the tab TTL). */
    void refreshNodeTabs() {
        tabs.refresh();
    }

    public long subscriptions() {
        return metrics.subscriptions();
    }

    /** This node's connection tabs of a resource type, as of at most a second ago. */
    public long localTabs(String type) {
        return metrics.census().tabs().getOrDefault(type, 0);
    }

    /** The users with a connection tab of a resource type on this node, as of at most a second ago. */
    public long localUsers(String type) {
        return metrics.census().users().getOrDefault(type, 0);
    }

    /** The records, types and users one connection subscribes to. */
    private int subscriptionsOf(Client client) {
        return client.watchedRecords().size() + client.typeCount() + (users.watches(client) ? 1 : 0);
    }

    public int localTabs() {
        return tabs.size();
    }

    /** The devices this node's connections are. */
    public int localDevices() {
        return users.localDevices();
    }

    /** One refresh of this node's devices now (a timer runs it every third of the device timeout). */
    void refreshNodeDevices() {
        users.refreshDevices();
    }

    /** The local subscribers of a record, for typing in a conversation; empty when nobody here watches it. */
    private Set<Client> recordSubscribers(ResourceRef ref) {
        RecordRoom room = rooms.get(ref);
        return room == null ? Set.of() : room.subscribers();
    }

    private void fanOut(PresenceDiff diff) {
        fanOut(
                diff.ref(),
                diff.seq(),
                room -> room.apply(diff, store),
                room -> new HubMessage.Diff(
                        diff,
                        room.viewer(diff.tab().userId()),
                        room.largerThan(settings.snapshotViewers()) ? room.counts() : null,
                        new Memo()));
    }

    private void fanOut(StateDiff diff) {
        fanOut(
                diff.ref(),
                diff.seq(),
                room -> room.apply(diff, store),
                room -> new HubMessage.StateChange(diff, new Memo()));
    }

    /**
     * Applies change {@code seq} of a record to its room ({@code apply}) and delivers the message it
     * makes ({@code message}, built after the change) to the record's subscribers and to the subscribers
     * of its type that may see it; after a gap, a fresh snapshot instead.
     */
    private void fanOut(
            ResourceRef ref,
            long seq,
            Function<RecordRoom, RecordRoom.Applied> apply,
            Function<RecordRoom, HubMessage> message) {
        try {
            TypeRoom typeRoom = types.get(ref.tenant() + ":" + ref.type());
            boolean watchedType = typeRoom != null && !typeRoom.subscribers().isEmpty();
            RecordRoom room = watchedType ? rooms.computeIfAbsent(ref, RecordRoom::new) : rooms.get(ref);
            if (room == null) {
                return;
            }
            synchronized (room) {
                if (!room.removed()) {
                    deliver(room, typeRoom, seq, apply, message);
                    dropIfIdle(room);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fan-out of change " + seq + " of " + ref + " failed", e);
        }
    }

    private void deliver(
            RecordRoom room,
            TypeRoom typeRoom,
            long seq,
            Function<RecordRoom, RecordRoom.Applied> apply,
            Function<RecordRoom, HubMessage> messageOf) {
        RecordRoom.Applied applied = apply.apply(room);
        if (applied == RecordRoom.Applied.STALE) {
            return;
        }
        RoomView reloaded =
                applied == RecordRoom.Applied.RELOADED ? room.view(store, settings.snapshotViewers()) : null;
        HubMessage message = reloaded != null ? null : messageOf.apply(room);
        if (applied != RecordRoom.Applied.CATCH_UP) {
            for (Client client : room.subscribers()) {
                client.send(message != null ? message : snapshotFor(client, reloaded));
            }
        }
        if (typeRoom == null) {
            return;
        }
        synchronized (typeRoom) {
            typeRoom.subscribers().forEach((client, floors) -> {
                if (!room.subscribers().contains(client)
                        && TypeRoom.isNew(floors, room.ref(), seq)
                        && client.canSee(room.ref(), r -> visibility.test(client.caller(), r))) {
                    client.send(message != null ? message : snapshotFor(client, reloaded));
                }
            });
        }
    }

    private static HubMessage snapshotFor(Client client, RoomView view) {
        return new HubMessage.RecordSnapshot(view, client.caller().userId(), null);
    }

    private void deliver(ResourceEvent event) {
        try {
            HubMessage message = new HubMessage.Event(event, new Memo());
            RecordRoom room = rooms.get(event.ref());
            if (room != null) {
                room.subscribers().forEach(client -> client.send(message));
            }
            TypeRoom typeRoom =
                    types.get(event.ref().tenant() + ":" + event.ref().type());
            if (typeRoom != null) {
                typeRoom.subscribers().keySet().forEach(client -> {
                    boolean already = room != null && room.subscribers().contains(client);
                    if (!already && client.canSee(event.ref(), r -> visibility.test(client.caller(), r))) {
                        client.send(message);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery of resource event " + event.eventType() + " failed", e);
        }
    }

    /** Drops a room nobody subscribes to, unless a type room still needs its cached tabs. */
    private void dropIfIdle(RecordRoom room) {
        if (!room.subscribers().isEmpty()) {
            return;
        }
        TypeRoom typeRoom = types.get(room.ref().tenant() + ":" + room.ref().type());
        boolean typeWatched = typeRoom != null && !typeRoom.subscribers().isEmpty();
        if (!typeWatched || !room.hasTabs()) {
            room.markRemoved();
            rooms.remove(room.ref(), room);
        }
    }

    /** The hub's rooms as {@link AccessReview} works on them. */
    private final class ReviewedRooms implements AccessReview.Rooms {
        @Override
        public RecordRoom record(ResourceRef ref) {
            return rooms.get(ref);
        }

        @Override
        public TypeRoom type(ResourceRef ref) {
            return types.get(ref.tenant() + ":" + ref.type());
        }

        @Override
        public RoomView view(ResourceRef ref) {
            RecordRoom room = rooms.get(ref);
            if (room != null) {
                synchronized (room) {
                    if (!room.removed()) {
                        return room.view(store, settings.snapshotViewers());
                    }
                }
            }
            return storedView(ref, settings.snapshotViewers());
        }

        @Override
        public void unsubscribe(Client client, ResourceRef ref) {
            unsubscribeRecord(client, ref);
        }

        @Override
        public void leave(Client client, ResourceRef ref) {
            for (TabKey tab : client.tabs()) {
                if (tab.ref().equals(ref)) {
                    tabs.leave(client, ref, tab.tabId());
                }
            }
        }

        @Override
        public void forget(ResourceRef ref) {
            users.forget(ref);
        }
    }

    @Override
    public void close() {
        lanes.close();
        tabs.close();
        users.close();
    }
}
