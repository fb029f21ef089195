package io.presence.web.ws;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.core.events.ResourceEvent;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.presence.Snapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who on this node watches what, and the fan-out of diffs and resource events to them.
 *
 * <p>The store's listener and the event bus only queue work on one dispatcher thread, so neither the
 * Redis subscriber nor a thread inside the in-memory store ever waits for a client, and diffs leave in
 * the order the store produced them. Delivery only queues the rendered message in each connection's
 * {@link Outbox}; a message is rendered once per diff, whatever the number of recipients.
 */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class.getName());
    /** The most records a type snapshot lists. */
    static final int TYPE_SNAPSHOT_LIMIT = 500;

    @Inject
    PresenceStore store;

    @Inject
    ResourceAccess access;

    private final Map<ResourceRef, RecordRoom> records = new ConcurrentHashMap<>();
    private final Map<String, TypeRoom> types = new ConcurrentHashMap<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "presence-ws-fanout");
        thread.setDaemon(true);
        return thread;
    });

    /** Called once at start-up by {@link WsStartup}: from now on every diff of every node comes here. */
    void listen() {
        store.addDiffListener(diff -> dispatcher.execute(() -> fanOut(diff)));
    }

    void onEvent(ResourceEvent event) {
        dispatcher.execute(() -> deliver(event));
    }

    /** Adds a record subscriber and sends it the snapshot its following diffs continue. */
    void subscribeRecord(WsConnection conn, ResourceRef ref, JsonValue ref0) {
        while (true) {
            RecordRoom room = records.computeIfAbsent(ref, RecordRoom::new);
            synchronized (room) {
                if (room.removed()) {
                    continue;
                }
                Snapshot snapshot = room.snapshot(store);
                if (room.subscribers().add(conn)) {
                    subscriptions.incrementAndGet();
                    conn.records().add(ref);
                }
                conn.send(WsMessages.snapshot(ref, snapshot, conn.caller().userId(), ref0));
                return;
            }
        }
    }

    /** Adds a type subscriber and sends it the records of the type that have tabs and it may see. */
    void subscribeType(WsConnection conn, String type, JsonValue ref0) {
        String tenant = conn.caller().tenant();
        TypeRoom room = types.computeIfAbsent(tenant + ":" + type, key -> new TypeRoom());
        synchronized (room) {
            Map<ResourceRef, Snapshot> active = store.activeRecords(tenant, type, Instant.now(), TYPE_SNAPSHOT_LIMIT);
            active.keySet().removeIf(ref -> !conn.canSee(ref, r -> access.canSee(conn.caller(), r)));
            Map<ResourceRef, Long> floors = new ConcurrentHashMap<>();
            active.forEach((ref, snapshot) -> floors.put(ref, snapshot.seq()));
            if (room.subscribers().put(conn, floors) == null) {
                subscriptions.incrementAndGet();
                conn.types().add(type);
            }
            conn.send(WsMessages.typeSnapshot(type, active, conn.caller().userId(), ref0));
        }
    }

    void unsubscribeRecord(WsConnection conn, ResourceRef ref) {
        RecordRoom room = records.get(ref);
        conn.records().remove(ref);
        if (room != null) {
            synchronized (room) {
                if (room.subscribers().remove(conn)) {
                    subscriptions.decrementAndGet();
                }
                dropIfIdle(room);
            }
        }
    }

    void unsubscribeType(WsConnection conn, String type) {
        conn.types().remove(type);
        TypeRoom room = types.get(conn.caller().tenant() + ":" + type);
        if (room != null && room.subscribers().remove(conn) != null) {
            subscriptions.decrementAndGet();
        }
    }

    /** Forgets every subscription of a closed connection. */
    void drop(WsConnection conn) {
        for (ResourceRef ref : conn.records().toArray(ResourceRef[]::new)) {
            unsubscribeRecord(conn, ref);
        }
        for (String type : conn.types().toArray(String[]::new)) {
            unsubscribeType(conn, type);
        }
    }

    long subscriptions() {
        return subscriptions.get();
    }

    private void fanOut(PresenceDiff diff) {
        try {
            ResourceRef ref = diff.ref();
            TypeRoom typeRoom = types.get(ref.tenant() + ":" + ref.type());
            boolean watchedType = typeRoom != null && !typeRoom.subscribers().isEmpty();
            RecordRoom room = watchedType ? records.computeIfAbsent(ref, RecordRoom::new) : records.get(ref);
            if (room == null) {
                return;
            }
            synchronized (room) {
                if (!room.removed()) {
                    deliver(room, typeRoom, diff);
                    dropIfIdle(room);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fan-out of a diff of " + diff.ref() + " failed", e);
        }
    }

    private void deliver(RecordRoom room, TypeRoom typeRoom, PresenceDiff diff) {
        RecordRoom.Applied applied = room.apply(diff, store);
        if (applied == RecordRoom.Applied.STALE) {
            return;
        }
        Snapshot snapshot = applied == RecordRoom.Applied.RELOADED ? room.snapshot(store) : null;
        String message =
                snapshot == null ? WsMessages.diff(diff, room.viewer(diff.tab().userId())) : null;
        if (applied != RecordRoom.Applied.CATCH_UP) {
            for (WsConnection conn : room.subscribers()) {
                conn.send(
                        message != null
                                ? message
                                : WsMessages.snapshot(
                                        room.ref(), snapshot, conn.caller().userId(), null));
            }
        }
        if (typeRoom == null) {
            return;
        }
        synchronized (typeRoom) {
            typeRoom.subscribers().forEach((conn, floors) -> {
                if (!room.subscribers().contains(conn)
                        && TypeRoom.isNew(floors, room.ref(), diff.seq())
                        && conn.canSee(room.ref(), r -> access.canSee(conn.caller(), r))) {
                    conn.send(
                            message != null
                                    ? message
                                    : WsMessages.snapshot(
                                            room.ref(), snapshot, conn.caller().userId(), null));
                }
            });
        }
    }

    private void deliver(ResourceEvent event) {
        try {
            String message = WsMessages.event(event);
            RecordRoom room = records.get(event.ref());
            if (room != null) {
                room.subscribers().forEach(conn -> conn.send(message));
            }
            TypeRoom typeRoom =
                    types.get(event.ref().tenant() + ":" + event.ref().type());
            if (typeRoom != null) {
                typeRoom.subscribers().keySet().forEach(conn -> {
                    boolean already = room != null && room.subscribers().contains(conn);
                    if (!already && conn.canSee(event.ref(), r -> access.canSee(conn.caller(), r))) {
                        conn.send(message);
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
            records.remove(room.ref(), room);
        }
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
    }
}
