package io.presence.web.health;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready until the node starts {@link Draining stopping}. */
@Readiness
@Dependent
public class NodeReadinessCheck implements HealthCheck {

    @Inject
    Draining draining;

    @Override
    public HealthCheckResponse call() {
        return GuardedCheck.call("presence-node", () -> HealthCheckResponse.named("presence-node")
                .status(!draining.draining())
                .withData("stopping", draining.draining())
                .build());
    }
}
