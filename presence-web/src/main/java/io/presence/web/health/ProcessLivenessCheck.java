package io.presence.web.health;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application is deployed and answering. Deliberately independent of Redis and Kafka:
 * an outage of those must make the node unready, not get it restarted.
 */
@Liveness
@Dependent
public class ProcessLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("presence");
    }
}
