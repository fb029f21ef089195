/**
 * The port through which the core counts what operators watch (locks acquired, lifecycle records
 * consumed, …). The web module exports the counts on the metrics endpoint; the core knows no metrics
 * library.
 */
package io.presence.core.metrics;
