/**
 * The shared store: presence in Redis through Jedis, so that any number of nodes see the same tabs.
 *
 * <h2>Keys</h2>
 * {@link io.presence.infrastructure.redis.RedisKeys} builds every key. A record's keys share one
 * Redis Cluster hash slot through the hash tag {@code {tenant:type:id}}:
 * <pre>
 * presence:{acme:work_order:WO-1}:tabs   hash   tab id -> "expiresMs US lastSeenMs US node US visible"
 * presence:{acme:work_order:WO-1}:seq    string the record's diff sequence number (TTL 24 h)
 * presence:{acme:conversation:c-1}:participants  set  user ids registered by the domain application
 * presence:expiries                      zset   "acme:work_order:WO-1 US tabId" scored by expiry ms
 * presence:diffs                         pub/sub channel of diffs
 * presence:events                        pub/sub channel of resource events (JSON)
 * </pre>
 * US is the ASCII unit separator; inputs are validated so that no id contains it, a colon or a brace.
 *
 * <h2>Round trips</h2>
 * A heartbeat is one pipelined round trip: the {@code heartbeat.lua} script on the record's slot and a
 * {@code ZADD} of the tab's new expiry to the index. Scripts live in {@code src/main/resources/lua},
 * are loaded once and called with {@code EVALSHA} (reloaded on {@code NOSCRIPT}). Diffs are published
 * by the scripts themselves, so their order on the channel is the order of their sequence numbers.
 */
package io.presence.infrastructure.redis;
