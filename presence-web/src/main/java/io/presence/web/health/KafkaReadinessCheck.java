package io.presence.web.health;

import io.presence.core.config.KafkaSettings;
import io.presence.core.events.ResourceEventIntake;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the Kafka cluster answers, when Kafka is configured. Kafka is optional by default: records
 * wait in their topics while it is away and REST keeps serving, so the check only reports it
 * ({@code available=false}) and stays up; with {@code presence.kafka.required=true} the node is unready
 * while Kafka does not answer. Up (with {@code configured=false}) when Kafka is not configured.
 */
@Readiness
@Dependent
public class KafkaReadinessCheck implements HealthCheck {

    @Inject
    ResourceEventIntake intake;

    @Inject
    KafkaSettings settings;

    @Override
    public HealthCheckResponse call() {
        return GuardedCheck.call("kafka", () -> {
            Optional<Boolean> available = intake.sourceAvailable();
            return HealthCheckResponse.named("kafka")
                    .status(available.orElse(true) || !settings.required())
                    .withData("configured", available.isPresent())
                    .withData("available", available.orElse(false))
                    .withData("required", settings.required())
                    .withData("topic", settings.resourceEventsTopic())
                    .build();
        });
    }
}
