/**
 * The shared store: presence in Redis through Jedis, so that any number of nodes see the same tabs.
 *
 * <h2>Keys</h2>
 * {@link io.presence.infrastructure.redis.RedisKeys} builds every key. A record's keys share one
 * Redis Cluster hash slot through the hash tag {@code {tenant:type:id}}:
 * <pre>
 * presence:{acme:work_order:WO-1}:record   hash  tab id -> "expires US lastSeenBefore US node US visible",
 *                                                 "#" -> the record's diff sequence number
 * presence:{acme:work_order}:active         zset  record ids of the type, scored by their latest expiry
 * presence:{acme:conversation:c-1}:participants  set  user ids registered by the domain application
 * presence:node:{node-1}:tabs               set   "acme:work_order:WO-1 US tabId" held by a WebSocket node
 * presence:rate:{acme:u1}:api               string  the user's REST allowance (a time in microseconds),
 *                                                 expiring once it is full again
 * presence:record-expiries                  zset  "acme:work_order:WO-1", scored at or before its earliest expiry
 * presence:tab-diffs                        pub/sub channel of diffs
 * presence:events                           pub/sub channel of resource events (JSON)
 * presence:user:{acme:u1}:status            hash  "d:" device -> "status US expires US node US seen",
 *                                                 "s" status, "v" version, "l" last seen, "u" last limited report
 * presence:user:{acme:u1}:typing            hash  conversation id -> until (epoch ms)
 * presence:users:{acme}:recent              zset  known user ids, scored by their last report or refresh
 * presence:node:{node-1}:devices            set   "acme US u1 US device" held by a WebSocket node
 * presence:device-expiries                  zset  "acme US u1 US device", scored by the device's expiry
 * presence:typing-expiries                  zset  "acme US u1 US c-42", scored by when the typing lapses
 * presence:user-status, presence:typing     pub/sub channels of status changes and typing starts and stops
 * </pre>
 * A user's hash expires {@code presence.status.retention-days} after their last report; a typing hash a
 * minute after its last typing lapses.
 * US is the ASCII unit separator; inputs are validated so that no id contains it, a colon or a brace.
 * A record's hash expires twice the tab TTL after its last heartbeat (a safety net for a cluster
 * whose nodes all died); once its last tab is gone it keeps the sequence number as long again, so that
 * a record that comes back within that time continues its numbering (one that comes back later starts
 * again at 1; the hub's rooms reload it).
 *
 * <h2>Memory</h2>
 * About 240 bytes per tab (docs/performance.md): the hash field (a compact listpack as long as every
 * value stays within {@code hash-max-listpack-value}), and per record the hash key, one member of the
 * expiry index and one of its type's index. The expiry index holds records rather than tabs, so a
 * heartbeat may only move a record earlier ({@code ZADD LT}); when a record comes due with nothing
 * expired the sweeper moves it to its earliest expiry, about once per TTL for a record whose tabs stay.
 *
 * <h2>Round trips</h2>
 * A heartbeat is one pipelined round trip: the {@code heartbeat.lua} script on the record's slot and
 * the {@code ZADD}s of the record to the expiry index and its type's index. Heartbeats that arrive
 * while another is in flight share the next round trip ({@code PipelineBatcher}, a group commit): a
 * heartbeat alone is sent at once, and under load one write, one read and one wake-up of Redis serve
 * several. Scripts live in
 * {@code src/main/resources/lua}, are loaded once and called with {@code EVALSHA} (reloaded on
 * {@code NOSCRIPT}). Diffs are published by the scripts themselves, so their order on the channel is
 * the order of their sequence numbers.
 *
 * <p>The REST rate limit adds one {@code rate_limit.lua} call before each authenticated request (batched
 * the same way, with the other requests' calls); a refused user's further requests are refused on the
 * node without one until their wait is over.
 *
 * <h2>Connections</h2>
 * A node keeps one pool of at most 64 connections
 * ({@link io.presence.infrastructure.redis.RedisConnections#pool}), opened by the composition root and
 * shared by the presence, participant, status and typing stores, the resource event bus and the rate
 * limiter, which never close it. Four of its connections stay with the pub/sub subscriptions (diffs,
 * resource events, status changes, typing); the others are borrowed per command or pipeline.
 */
package io.presence.infrastructure.redis;
