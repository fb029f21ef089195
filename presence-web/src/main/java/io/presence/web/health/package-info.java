/**
 * MicroProfile Health probes: {@code /health/live} says the process works, {@code /health/ready} says
 * whether the shared store (and, when configured, Kafka) can be reached so that a load balancer stops
 * sending traffic to a node that would answer 503.
 */
package io.presence.web.health;
