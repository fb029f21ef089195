/**
 * The seeds' own wire contracts, served beside the product's protocol so that clients written to them
 * work unchanged: seed 002's {@code /ws/presence} ({@code SUB}, {@code HB}, {@code LOCK} …). Each is a
 * thin translation onto the core hub and services; nothing here holds presence state of its own
 * beyond what one connection renders.
 */
package io.presence.web.seed;
