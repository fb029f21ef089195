/**
 * The {@code flow} resource type: process flows, open to every user of the tenant. The smallest
 * complete plugin, a good template. Plain Java against the SPI only.
 */
package io.presence.plugins.flow;
