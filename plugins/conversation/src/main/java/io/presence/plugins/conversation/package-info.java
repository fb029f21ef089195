/**
 * The {@code conversation} resource type: visible only to its registered participants, which the
 * platform supplies through {@link io.presence.api.spi.ResourceFacts}. Plain Java against the SPI only.
 */
package io.presence.plugins.conversation;
