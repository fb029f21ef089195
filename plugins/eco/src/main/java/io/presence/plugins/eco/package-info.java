/**
 * The {@code eco} resource type: engineering change orders, with view and edit rights given to
 * configurable token groups. Plain Java against the SPI only; nothing of the server may be used here.
 */
package io.presence.plugins.eco;
