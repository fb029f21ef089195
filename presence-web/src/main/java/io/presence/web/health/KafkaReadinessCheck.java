package io.presence.web.health;

import io.presence.core.config.KafkaSettings;
import io.presence.core.events.ResourceEventIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the Kafka cluster answers, when Kafka is configured; always up (with
 * {@code configured=false}) when it is not, because then nothing depends on it.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    @Inject
    ResourceEventIntake intake;

    @Inject
    KafkaSettings settings;

    @Override
    public HealthCheckResponse call() {
        Optional<Boolean> available = intake.sourceAvailable();
        return HealthCheckResponse.named("kafka")
                .status(available.orElse(true))
                .withData("configured", available.isPresent())
                .withData("topic", settings.resourceEventsTopic())
                .build();
    }
}
