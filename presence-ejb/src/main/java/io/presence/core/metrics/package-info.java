/**
 * The port through which the core measures what operators watch: counters (locks acquired, heartbeats
 * by outcome, messages delivered, …), gauges read on each scrape (connections, subscriptions, tabs),
 * histograms and timers. The web module exports them on the metrics endpoint; the core knows no metrics
 * library. Every metric is listed in docs/operations.md.
 */
package io.presence.core.metrics;
