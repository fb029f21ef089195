package io.presence.web.health;

import io.presence.core.config.PresenceSettings;
import io.presence.core.presence.PresenceStore;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the presence store answers (always, for the in-memory store). */
@Readiness
@Dependent
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    PresenceStore store;

    @Inject
    PresenceSettings settings;

    @Override
    public HealthCheckResponse call() {
        return GuardedCheck.call("presence-store", () -> HealthCheckResponse.named("presence-store")
                .status(store.isAvailable())
                .withData("store", settings.store())
                .build());
    }
}
