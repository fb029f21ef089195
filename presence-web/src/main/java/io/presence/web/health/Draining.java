package io.presence.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready once the node is stopping: readiness goes down before the WebSocket clients are told to
 * go away (1001), so that a load balancer stops sending new connections here while they reconnect to
 * other nodes.
 */
@Readiness
@ApplicationScoped
public class Draining implements HealthCheck {

    private volatile boolean draining;

    /** The node is stopping: from now on readiness is DOWN. */
    public void start() {
        draining = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("presence-node")
                .status(!draining)
                .withData("stopping", draining)
                .build();
    }
}
