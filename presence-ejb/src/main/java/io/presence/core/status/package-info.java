/**
 * User status and typing: whether each user is online, away or offline, when they were last seen, and
 * who types in which conversation.
 *
 * <h2>Data shape</h2>
 * A user ({@link io.presence.core.status.UserRef}, tenant and user id) has devices, each with the
 * status it reported and an expiry:
 * <pre>
 * acme / u42: device "phone"        away    expires 12:01:30   (REST, reports every 30 s)
 *             device "laptop-7f0c"  online  node-1             (a WebSocket connection, kept alive by its node)
 *             -> online, last seen 12:00:00, version 7
 * </pre>
 * The user's status is the aggregate ({@link io.presence.core.status.Status#aggregate}): online if a
 * device is, away if all are, offline with none. A device reporting offline is removed. Every change
 * of the aggregate is one {@link io.presence.core.status.StatusChanged} with the user's next version;
 * a report that changes only the last-seen time changes nothing watchers see and emits nothing.
 *
 * <h2>Reports, rate limit, heartbeat loss</h2>
 * {@link io.presence.core.status.UserStatuses} takes reports from every transport. A user reports at
 * most once every {@code presence.status.min-interval-ms} (5 s) over all devices and nodes, checked
 * and written in one atomic step of the {@link io.presence.core.status.StatusStore}, so two nodes
 * cannot both accept; the refusal says how long to wait (429). A REST device lives
 * {@code presence.status.timeout-seconds} (90) after its last report; a WebSocket device lives while
 * its connection does (the hub's node refresh, {@code NodeDevices}), and a node that dies stops
 * refreshing it. The {@link io.presence.core.status.StatusSweeper} of every node removes what expired
 * and the store emits the resulting change once; reads leave expired devices out even before.
 * A device's last report is its user's last-seen time after it expired; a connection's close is the
 * time for a WebSocket device.
 *
 * <h2>Typing</h2>
 * {@link io.presence.core.status.ConversationTyping} lets a participant of a conversation say it types
 * (for {@code presence.typing.ttl-seconds}, 5 s, after its last start) or stopped. The
 * {@link io.presence.core.status.TypingStore} emits a {@link io.presence.core.status.TypingChanged}
 * for each start and each stop, expiry included; refreshes of a typing user emit nothing.
 *
 * <h2>Who sees whom</h2>
 * {@link io.presence.core.status.UserVisibility}: a caller sees itself and the users of its tenant that
 * no plugin's {@code canSeeUser} hides; a hidden user answers like an unknown one. Whether a user types
 * "with" a requester is whether the requester may see the conversation (its plugin's rule: participants).
 *
 * <h2>What does not belong here</h2>
 * Fan-out to connections (the hub's user rooms do it), wire formats, and adapters: the stores are ports,
 * chosen by the composition root.
 */
package io.presence.core.status;
