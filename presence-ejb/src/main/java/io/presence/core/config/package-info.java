/**
 * Presence's settings, read once through MicroProfile Config. Every key has a default that works on a
 * single node without Redis or Kafka; environment variables override ({@code presence.tab-ttl-seconds}
 * is {@code PRESENCE_TAB_TTL_SECONDS}). The full table is in {@code docs/configuration.md}.
 */
package io.presence.core.config;
