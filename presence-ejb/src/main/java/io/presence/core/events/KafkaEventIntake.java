package io.presence.core.events;

import io.presence.core.config.KafkaSettings;
import io.presence.infrastructure.kafka.DeadLetters;
import io.presence.infrastructure.kafka.KafkaClients;
import io.presence.infrastructure.kafka.KafkaProbe;
import io.presence.infrastructure.kafka.KafkaResourceEventConsumer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Starts the Kafka consumer of resource events when {@code presence.kafka.bootstrap-servers} is set,
 * as the application starts, and stops it with the application. Without the setting it does nothing.
 */
@ApplicationScoped
public class KafkaEventIntake {

    private static final Logger LOG = Logger.getLogger(KafkaEventIntake.class.getName());

    @Inject
    KafkaSettings settings;

    @Inject
    ResourceEventPublisher publisher;

    private KafkaResourceEventConsumer consumer;
    private KafkaProbe probe;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Optional<String> servers = settings.bootstrapServers();
        if (servers.isEmpty()) {
            LOG.info("Kafka is not configured; resource events come in over REST only");
            return;
        }
        String client = "presence-" + UUID.randomUUID().toString().substring(0, 8);
        DeadLetters deadLetters = new DeadLetters(
                KafkaClients.producer(servers.get(), client + "-dlt"), settings.resourceEventsDltTopic());
        consumer = new KafkaResourceEventConsumer(
                KafkaClients.consumer(servers.get(), settings.groupId(), client),
                settings.resourceEventsTopic(),
                publisher.reader(),
                publisher.bus(),
                deadLetters);
        probe = new KafkaProbe(KafkaClients.admin(servers.get(), client + "-probe"));
        consumer.start();
        LOG.info("consuming resource events from Kafka topic " + settings.resourceEventsTopic());
    }

    /** Whether Kafka is configured, and if so whether its cluster answers. */
    public Optional<Boolean> kafkaAvailable() {
        return probe == null ? Optional.empty() : Optional.of(probe.isAvailable());
    }

    @PreDestroy
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
