/**
 * The seeds' own wire contracts, served beside the product's protocol so that clients written to them
 * work unchanged: seed 002's {@code /ws/presence} ({@code SUB}, {@code HB}, {@code LOCK} …), seed 003's
 * status paths under {@code /api/presence} and {@code /api/conversations/{id}/typing} (a servlet beside
 * the JAX-RS application) and its WebSocket {@code /api/presence/subscribe}. Each is a
 * thin translation onto the core hub and services; nothing here holds presence state of its own
 * beyond what one connection renders.
 */
package io.presence.web.seed;
