/**
 * The hub: rooms and fan-out for every transport. It knows who on this node watches which record or
 * type, keeps each watched record's tabs cached at its sequence number, and delivers the store's diffs
 * and the event bus's resource events to subscribers, each message built once for all of them. It also
 * holds this node's connection tabs: their leases in the store, the grace period after a drop, and
 * re-joining a tab the store lost.
 *
 * <h2>Users</h2>
 * A second kind of room holds a tenant's users ({@link io.presence.core.hub.UserRoom}): subscribers
 * of users' status get a snapshot from the room's cache, then each status change (in version order per
 * user, on the user's lane) and each typing start and stop of the conversations they take part in.
 * Connections that report a status are devices of their user, kept alive and released by the node
 * as tabs are ({@link io.presence.core.hub.NodeDevices}).
 *
 * <h2>How a transport uses it</h2>
 * A transport (the WebSocket endpoint today; other wire protocols tomorrow) implements {@link
 * io.presence.core.hub.Subscriber} for each connection, {@link io.presence.core.hub.Hub#connect connects}
 * it and keeps the {@link io.presence.core.hub.Client} it gets, then calls the hub to subscribe,
 * report presence, leave and disconnect. The hub calls {@link io.presence.core.hub.Subscriber#send} with
 * {@link io.presence.core.hub.HubMessage}s; the transport renders them in its protocol, once per message
 * through the message's {@link io.presence.core.hub.Memo}, and writes them on the hub's writer threads.
 *
 * <h2>Ordering and threads</h2>
 * Each record's diffs run on one fan-out lane (of {@code presence.hub.lanes}), so they reach every
 * subscriber in sequence order; different records fan out in parallel. A new subscriber's snapshot and
 * a diff's delivery hold the room's monitor, so a subscriber sees its snapshot and then exactly the
 * diffs after it. A diff that skips a sequence number (a message lost between nodes) makes the room
 * reload from the store and send its subscribers a fresh snapshot instead.
 *
 * <h2>Large rooms</h2>
 * A snapshot lists at most {@code presence.hub.snapshot-viewers} viewers, the most recently active
 * first, with the room's {@link io.presence.core.hub.RoomCounts}; a room larger than that also carries
 * the counts in each diff. Subscribers that join while the room does not change share one
 * {@link io.presence.core.hub.RoomView}, and so one rendering of it.
 *
 * <h2>What does not belong here</h2>
 * No transport type (no {@code jakarta.websocket}, no JSON rendering), and no adapter: the hub talks to
 * the {@link io.presence.core.presence.PresenceStore}, status and typing ports and is handed its
 * visibility rules and writers by {@link io.presence.core.hub.HubWiring}.
 */
package io.presence.core.hub;
