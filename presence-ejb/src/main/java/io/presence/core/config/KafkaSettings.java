package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka settings of this node. Kafka is optional: without {@code presence.kafka.bootstrap-servers}
 * nothing Kafka-related starts and the Kafka readiness check reports "not configured". Logged once at
 * start-up.
 */
@ApplicationScoped
public class KafkaSettings {

    private static final Logger LOG = Logger.getLogger(KafkaSettings.class.getName());

    /** Comma-separated {@code host:port} list of brokers; unset: no Kafka. */
    @Inject
    @ConfigProperty(name = "presence.kafka.bootstrap-servers")
    Optional<String> bootstrapServers;

    /** The consumer group all nodes share, so each record is handled by one node (default presence). */
    @Inject
    @ConfigProperty(name = "presence.kafka.group-id", defaultValue = "presence")
    String groupId;

    /** The topic domain applications publish resource events to. */
    @Inject
    @ConfigProperty(name = "presence.kafka.resource-events-topic", defaultValue = "presence.resource-events")
    String resourceEventsTopic;

    /** Where malformed or invalid resource event records are dead-lettered. */
    @Inject
    @ConfigProperty(name = "presence.kafka.resource-events-dlt-topic", defaultValue = "presence.resource-events.dlt")
    String resourceEventsDltTopic;

    @PostConstruct
    void log() {
        LOG.info(() -> "Kafka settings: presence.kafka.bootstrap-servers="
                + bootstrapServers().orElse("(none)")
                + (bootstrapServers().isPresent()
                        ? ", presence.kafka.group-id=" + groupId
                                + ", presence.kafka.resource-events-topic=" + resourceEventsTopic
                                + ", presence.kafka.resource-events-dlt-topic=" + resourceEventsDltTopic
                        : ""));
    }

    public Optional<String> bootstrapServers() {
        return bootstrapServers.filter(value -> !value.isBlank());
    }

    public String groupId() {
        return groupId;
    }

    public String resourceEventsTopic() {
        return resourceEventsTopic;
    }

    public String resourceEventsDltTopic() {
        return resourceEventsDltTopic;
    }
}
