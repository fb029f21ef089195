package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Asks again who of this node's connections may see one record, after something its visibility depends
 * on changed (its participants, a plugin's rules). Connections remember each answer ({@link Client}), so
 * without this a removed participant would go on receiving the record and an added one would not start.
 *
 * <ul>
 *   <li>A record subscriber that lost access is unsubscribed, told so ({@link HubMessage.AccessRevoked})
 *       and its tabs on the record leave: nothing more of the record reaches it.
 *   <li>A type subscriber that lost access is told the record left its list; its diffs stop.
 *   <li>A type subscriber that gained access gets the record's snapshot (when it has tabs) and its
 *       changes from then on. A record subscription that was refused is simply made again.
 * </ul>
 *
 * Runs on the record's lane, so every diff and event of the record queued after it is filtered by the
 * new answers. Holds the record room's monitor, then the type room's, as fan-out does.
 */
final class AccessReview {

    /** What the review needs of the hub. */
    interface Rooms {
        RecordRoom record(ResourceRef ref);

        TypeRoom type(ResourceRef ref);

        /** The record's state at its latest change, from its room if this node follows it. */
        RoomView view(ResourceRef ref);

        void unsubscribe(Client client, ResourceRef ref);

        /** Removes the client's tabs on the record. */
        void leave(Client client, ResourceRef ref);

        /** Drops remembered answers about the record held by connections outside its rooms. */
        void forget(ResourceRef ref);
    }

    private final Rooms rooms;
    private final BiPredicate<Caller, ResourceRef> visibility;

    AccessReview(Rooms rooms, BiPredicate<Caller, ResourceRef> visibility) {
        this.rooms = rooms;
        this.visibility = visibility;
    }

    void review(ResourceRef ref) {
        rooms.forget(ref);
        RecordRoom room = rooms.record(ref);
        if (room == null) {
            reviewType(ref, Set.of());
            return;
        }
        Set<Client> revoked;
        synchronized (room) {
            revoked = reviewRecord(room);
            reviewType(ref, room.subscribers());
        }
        revoked.forEach(client -> rooms.leave(client, ref));
    }

    private Set<Client> reviewRecord(RecordRoom room) {
        Set<Client> revoked = new HashSet<>();
        for (Client client : room.subscribers()) {
            if (!client.canSeeAgain(room.ref(), ref -> visibility.test(client.caller(), ref))) {
                rooms.unsubscribe(client, room.ref());
                client.send(new HubMessage.AccessRevoked(room.ref(), true));
                revoked.add(client);
            }
        }
        return revoked;
    }

    /** @param reviewed the record's subscribers already asked again (and kept) */
    private void reviewType(ResourceRef ref, Set<Client> reviewed) {
        TypeRoom typeRoom = rooms.type(ref);
        if (typeRoom == null) {
            return;
        }
        Function<ResourceRef, RoomView> views = new Memoized(rooms::view);
        synchronized (typeRoom) {
            typeRoom.subscribers().forEach((client, floors) -> {
                if (reviewed.contains(client)) {
                    return;
                }
                boolean before = Boolean.TRUE.equals(client.sawRecord(ref));
                boolean now = client.canSeeAgain(ref, r -> visibility.test(client.caller(), r));
                if (before && !now) {
                    floors.remove(ref);
                    client.send(new HubMessage.AccessRevoked(ref, false));
                } else if (!before && now) {
                    RoomView view = views.apply(ref);
                    if (!view.tabs().isEmpty()) {
                        floors.put(ref, view.seq());
                        client.send(new HubMessage.RecordSnapshot(
                                view, client.caller().userId(), null));
                    }
                }
            });
        }
    }

    /** Loads the record's view once, for the first type subscriber that needs it. */
    private static final class Memoized implements Function<ResourceRef, RoomView> {
        private final Function<ResourceRef, RoomView> load;
        private RoomView view;

        Memoized(Function<ResourceRef, RoomView> load) {
            this.load = load;
        }

        @Override
        public RoomView apply(ResourceRef ref) {
            if (view == null) {
                view = load.apply(ref);
            }
            return view;
        }
    }
}
