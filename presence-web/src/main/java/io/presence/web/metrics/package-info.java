/**
 * The metrics endpoint's application metrics, in MicroProfile Metrics as Payara serves it
 * ({@code /metrics}, Prometheus text): the core's {@link io.presence.core.metrics.Counters} and gauges
 * read from the core on each scrape.
 */
package io.presence.web.metrics;
