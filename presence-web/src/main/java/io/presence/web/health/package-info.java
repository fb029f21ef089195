/**
 * MicroProfile Health probes: {@code /health/live} says the process works, {@code /health/ready} says
 * whether the shared store (and, when configured, Kafka) can be reached so that a load balancer stops
 * sending traffic to a node that would answer 503.
 *
 * <p>The checks are {@code @Dependent} and never throw ({@link io.presence.web.health.GuardedCheck}): a
 * check that cannot answer, while the node boots or later, reports DOWN, and the probe sees 503 rather
 * than an empty 500.
 */
package io.presence.web.health;
