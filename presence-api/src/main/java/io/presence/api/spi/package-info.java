/**
 * The plugin SPI: how a domain team adds resource types to Presence.
 *
 * <p>A plugin implements {@link io.presence.api.spi.ResourcePlugin} and names it in
 * {@code META-INF/services/io.presence.api.spi.ResourcePlugin}. Everything a resource type is (its
 * name, which ids are valid, its event actions, its lockable fields, who may see and edit it) is
 * declared here and nowhere else. Optional hooks are {@code default} methods, so the SPI can grow
 * without breaking compiled plugins; {@link io.presence.api.spi.ResourcePlugin#spiVersion()} tells the
 * registry which version a plugin was built for.
 *
 * <p>Plain Java only: no Jakarta, Redis or Kafka types may appear in this package.
 */
package io.presence.api.spi;
