/**
 * Rate limits: how often a caller may call the REST API, and how many messages a WebSocket connection
 * may send.
 *
 * <p>Both use the generic cell rate algorithm ({@link io.presence.core.limits.Gcra}): one number per
 * client, exact, with a burst. The REST limit is per user and tenant and holds across nodes: {@link
 * io.presence.core.limits.ApiThrottle} asks the {@link io.presence.core.limits.RateLimiter} port, whose
 * adapter lives where the tabs live (in this JVM, or in Redis, one atomic script call per request). The
 * message limit is per connection, and a connection lives on one node, so {@link
 * io.presence.core.limits.MessageLimiter} decides in memory without a store. No transport, Redis or
 * servlet type belongs here; the transports render the decisions (429 with {@code Retry-After}, an
 * {@code error} message, close 1008).
 */
package io.presence.core.limits;
