/**
 * The embedded store: presence (and the REST rate limit's allowances) in this JVM's memory, diffs
 * delivered in-process. Used when no Redis is
 * configured; one node only. It follows the same {@link io.presence.core.presence.PresenceStore}
 * contract as Redis and is tested by the same suite.
 */
package io.presence.infrastructure.memory;
