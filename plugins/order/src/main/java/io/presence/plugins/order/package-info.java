/** The sales order resource type of seed 002: lockable business fields, a read-only group. */
package io.presence.plugins.order;
