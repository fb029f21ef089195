/**
 * The WebSocket API at {@code /api/v1/ws} (docs/protocol.md, "WebSocket"): subscriptions to a record or
 * a whole type with a snapshot and ordered diffs, WebSocket tabs, resource events, users' status and
 * typing (a {@code users} subscription; a connection reporting a status is a device of its user).
 *
 * <p>How it fits together:
 * <ul>
 *   <li>{@link io.presence.web.ws.PresenceSocket} is the thin endpoint: it authenticates at open, hands
 *       text to {@link io.presence.web.ws.WsProtocol} and reports closes. It holds no state.
 *   <li>{@link io.presence.web.ws.Connections} owns the live connections of this node, keep-alive pings
 *       and the counters; each {@link io.presence.web.ws.WsConnection} sends through a bounded
 *       {@link io.presence.web.ws.Outbox}, so a slow client is closed (4008) instead of slowing others.
 *   <li>Rooms, fan-out, node tabs, grace and rejoin are the core's {@link io.presence.core.hub.Hub}:
 *       this package parses, authenticates, hands over to it and writes what it delivers. Each hub
 *       message is encoded once for all recipients ({@link io.presence.web.ws.WsMessages}, {@link
 *       io.presence.web.ws.WsFrame}), and what queues up for one connection goes out in one write.
 *   <li>{@link io.presence.web.ws.WsListener} serves the same endpoint on a port of its own
 *       ({@code presence.ws.port}): {@link io.presence.web.ws.HandshakeFilter} authenticates and answers
 *       the handshake, then the connection moves to {@link io.presence.web.ws.FrameFilter}, which keeps
 *       no HTTP state, so an idle connection costs far less heap than on the HTTP listener.
 * </ul>
 * Nothing here decides who may see what: visibility comes from
 * {@link io.presence.core.presence.ResourceAccess}, which the hub asks once per connection and record.
 */
package io.presence.web.ws;
