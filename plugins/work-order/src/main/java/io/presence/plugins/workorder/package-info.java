/**
 * The {@code work_order} resource type: manufacturing work orders, open to every user of the tenant.
 * Plain Java against the SPI only.
 */
package io.presence.plugins.workorder;
