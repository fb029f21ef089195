/**
 * The WebSocket API at {@code /api/v1/ws} (docs/protocol.md, "WebSocket"): subscriptions to a record or
 * a whole type with a snapshot and ordered diffs, WebSocket tabs, resource events.
 *
 * <p>How it fits together:
 * <ul>
 *   <li>{@link io.presence.web.ws.PresenceSocket} is the thin endpoint: it authenticates at open, hands
 *       text to {@link io.presence.web.ws.WsProtocol} and reports closes. It holds no state.
 *   <li>{@link io.presence.web.ws.Connections} owns the live connections of this node, keep-alive pings
 *       and the counters; each {@link io.presence.web.ws.WsConnection} sends through a bounded
 *       {@link io.presence.web.ws.Outbox}, so a slow client is closed (4008) instead of slowing others.
 *   <li>{@link io.presence.web.ws.Rooms} fans the store's diffs (from every node) out to record and type
 *       subscribers on one dispatcher thread, in sequence order, computing each diff's viewer from a
 *       per-record cache ({@link io.presence.web.ws.RecordRoom}) instead of asking Redis per message.
 *   <li>{@link io.presence.web.ws.WsTabs} keeps this node's WebSocket tabs alive with one batched store
 *       refresh per period, applies the grace period to dropped connections and clears what an earlier
 *       run of this node left.
 *   <li>{@link io.presence.web.ws.WsListener} serves the same endpoint on a port of its own
 *       ({@code presence.ws.port}): {@link io.presence.web.ws.HandshakeFilter} authenticates and answers
 *       the handshake, then the connection moves to {@link io.presence.web.ws.FrameFilter}, which keeps
 *       no HTTP state, so an idle connection costs far less heap than on the HTTP listener.
 * </ul>
 * Nothing here decides who may see what: visibility comes from
 * {@link io.presence.core.presence.ResourceAccess}, cached per connection and record.
 */
package io.presence.web.ws;
