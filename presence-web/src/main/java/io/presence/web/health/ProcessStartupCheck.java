package io.presence.web.health;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the application is deployed: {@code /health/started} for a startup probe, so that an
 * orchestrator gives a booting node time (Payara Micro takes 10-60 s) before the liveness probe counts,
 * and never restarts a node only because it is slow to boot.
 */
@Startup
@Dependent
public class ProcessStartupCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("presence");
    }
}
