/**
 * The embedded adapters, used when no Redis or Kafka is configured: the event bus delivers events
 * published on this node to this node's listeners, on the publishing thread; lifecycle events accepted
 * over REST are applied at once instead of going through a topic.
 */
package io.presence.infrastructure.inprocess;
