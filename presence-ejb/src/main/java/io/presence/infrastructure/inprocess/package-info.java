/**
 * The embedded event bus: events published on this node are delivered to this node's listeners, on
 * the publishing thread. Used when no Redis is configured.
 */
package io.presence.infrastructure.inprocess;
