package io.presence.web.health;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the node is stopping. Once it is, readiness ({@link NodeReadinessCheck}) goes down before the
 * WebSocket clients are told to go away (1001), so that a load balancer stops sending new connections
 * here while they reconnect to other nodes.
 */
@ApplicationScoped
public class Draining {

    private volatile boolean draining;

    /** The node is stopping: from now on readiness is DOWN. */
    public void start() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }
}
