/**
 * Benchmarks: load generators that run against a running node from their own JVM, bounded in time and
 * aimed at loopback addresses only. Results and the commands that produced them are in
 * {@code docs/performance.md}.
 */
package io.presence.bench;
