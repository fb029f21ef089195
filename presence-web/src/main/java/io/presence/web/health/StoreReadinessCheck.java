package io.presence.web.health;

import io.presence.core.config.PresenceSettings;
import io.presence.core.presence.PresenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the presence store answers (always, for the in-memory store). */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    @Inject
    PresenceStore store;

    @Inject
    PresenceSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("presence-store")
                .status(store.isAvailable())
                .withData("store", settings.store())
                .build();
    }
}
