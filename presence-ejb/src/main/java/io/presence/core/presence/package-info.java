/**
 * Record presence: which tabs have a record open, and the diffs watchers receive.
 *
 * <h2>Data shape</h2>
 * A record ({@code acme / work_order / WO-1}) has tabs. Each tab is one browser tab or WebSocket
 * connection, identified by the uuid its page made:
 * <pre>
 * WO-1: tab 7f0c… {user 42 "Alice", mode edit, dirty true,  field "description", expires 12:00:90}
 *       tab 19ab… {user 42 "Alice", mode view, dirty false, field null,          expires 12:00:75}
 *       tab c3d2… {user 7  "Bob",   mode view, dirty false, field null,          expires 12:00:80}
 * </pre>
 * People see it per user ({@link io.presence.api.model.Viewer}): Alice, 2 tabs, editing, field
 * "description"; Bob, 1 tab, viewing.
 *
 * <h2>Diffs</h2>
 * Every change of a record's tabs is one {@link io.presence.api.model.PresenceDiff} with the record's
 * next sequence number: a new tab is a join, a tab whose mode, dirty flag, active field or user name
 * changed is an update (never a leave and a join), a tab that unregisters or expires is a leave. A
 * heartbeat that changes nothing but the expiry makes no diff. The {@link PresenceStore} is the source
 * of diffs: it assigns the sequence number atomically with the change and delivers the diff to the
 * listeners of every node (in-process for the memory store, Redis pub/sub for Redis). Which store
 * runs is chosen from {@code presence.store} by the composition root, outside the core; services here
 * see only the port.
 *
 * <h2>Heartbeat loss, node crash, shutdown</h2>
 * A tab lives for {@code presence.tab-ttl-seconds} (default 90) after its last heartbeat; clients
 * heartbeat every 30 s. Each tab expires on its own, whatever the other tabs of the record do. The
 * {@link PresenceSweeper} on every node removes expired tabs every {@code presence.sweep-interval-ms}
 * and emits their leave diffs; removal is atomic, so with several nodes exactly one emits each leave.
 * A killed node's tabs stop being refreshed and leave the same way, within the TTL plus one sweep.
 * Reads never return an expired tab, even before the sweeper has removed it.
 *
 * <h2>WebSocket tabs</h2>
 * A tab a WebSocket connection holds carries its node's id ({@code presence.node-id}). The node keeps it
 * alive with {@link PresenceStore#refresh}: one batched round trip per third of the TTL for all its
 * tabs, without diffs. A tab that reconnects to another node is taken over there (only the node tag
 * changes, so watchers see nothing); {@link PresenceStore#release} by the old node then leaves it
 * alone. A node that starts calls {@link PresenceStore#clearNode} to remove what its earlier run left.
 */
package io.presence.core.presence;
