package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka settings of this node. Kafka is optional: without {@code presence.kafka.bootstrap-servers}
 * nothing Kafka-related starts and the Kafka readiness check reports "not configured". Logged once at
 * start-up.
 */
@ApplicationScoped
public class KafkaSettings {

    private static final Logger LOG = Logger.getLogger(KafkaSettings.class.getName());
    private static final String CLIENT_PREFIX = "presence.kafka.client.";
    private static final String CLIENT_ENV_PREFIX = "PRESENCE_KAFKA_CLIENT_";

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

    /** The topic of MUTATING events (a back-end process starts changing a record). */
    @Inject
    @ConfigProperty(name = "presence.kafka.lifecycle-mutating-topic", defaultValue = "core.entities.lifecycle.mutating")
    String lifecycleMutatingTopic;

    /** The topic of MUTATED events (the change is complete); its records bump the version. */
    @Inject
    @ConfigProperty(name = "presence.kafka.lifecycle-mutated-topic", defaultValue = "core.entities.lifecycle.mutated")
    String lifecycleMutatedTopic;

    /** Whether the node is unready while Kafka does not answer (default: Kafka is optional, informative). */
    @Inject
    @ConfigProperty(name = "presence.kafka.required", defaultValue = "false")
    boolean required;

    /** Every setting, for the client properties passed through under {@code presence.kafka.client.}. */
    @Inject
    Config config;

    /** Milliseconds to wait before each retry of a failing lifecycle record, then it is dead-lettered. */
    @Inject
    @ConfigProperty(name = "presence.kafka.lifecycle-retry-delays-ms", defaultValue = "1000,3000,9000")
    String lifecycleRetryDelaysMs;

    @PostConstruct
    void log() {
        LOG.info(() -> "Kafka settings: presence.kafka.bootstrap-servers="
                + bootstrapServers().orElse("(none)")
                + (bootstrapServers().isPresent()
                        ? ", presence.kafka.group-id=" + groupId
                                + ", presence.kafka.resource-events-topic=" + resourceEventsTopic
                                + ", presence.kafka.resource-events-dlt-topic=" + resourceEventsDltTopic
                                + ", presence.kafka.lifecycle-mutating-topic=" + lifecycleMutatingTopic
                                + ", presence.kafka.lifecycle-mutated-topic=" + lifecycleMutatedTopic
                                + ", presence.kafka.lifecycle-retry-delays-ms=" + lifecycleRetryDelaysMs
                                + ", presence.kafka.required=" + required
                                // Names only: values may be passwords (sasl.jaas.config).
                                + ", client properties " + clientProperties().keySet()
                        : ""));
    }

    public Optional<String> bootstrapServers() {
        return bootstrapServers.filter(value -> !value.isBlank());
    }

    /** Whether readiness fails while Kafka does not answer ({@code presence.kafka.required}). */
    public boolean required() {
        return required;
    }

    /**
     * Kafka client properties the operator passes through (SASL, SSL, time-outs): each setting {@code
     * presence.kafka.client.<kafka property>}, or as an environment variable {@code
     * PRESENCE_KAFKA_CLIENT_<KAFKA_PROPERTY>} with dots as underscores ({@code
     * PRESENCE_KAFKA_CLIENT_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}).
     */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new TreeMap<>();
        if (config == null) {
            return properties;
        }
        for (String name : config.getPropertyNames()) {
            String kafkaName = clientPropertyName(name);
            if (kafkaName != null) {
                config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(kafkaName, value));
            }
        }
        return properties;
    }

    /** The Kafka property a setting passes through, or null when it is not one. */
    static String clientPropertyName(String setting) {
        if (setting.startsWith(CLIENT_PREFIX) && setting.length() > CLIENT_PREFIX.length()) {
            return setting.substring(CLIENT_PREFIX.length());
        }
        if (setting.startsWith(CLIENT_ENV_PREFIX) && setting.length() > CLIENT_ENV_PREFIX.length()) {
            return setting.substring(CLIENT_ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
        }
        return null;
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

    public String lifecycleMutatingTopic() {
        return lifecycleMutatingTopic;
    }

    public String lifecycleMutatedTopic() {
        return lifecycleMutatedTopic;
    }

    /** The lifecycle consumers' group: {@code presence.kafka.group-id} and {@code -lifecycle}. */
    public String lifecycleGroupId() {
        return groupId() + "-lifecycle";
    }

    /** The waits before the second, third, … attempt of a failing lifecycle record. */
    public List<Duration> lifecycleRetryDelays() {
        return retryDelays("presence.kafka.lifecycle-retry-delays-ms", lifecycleRetryDelaysMs);
    }

    /** Comma-separated milliseconds, each 0 or more; {@code none} for no retries. */
    static List<Duration> retryDelays(String key, String value) {
        if (value.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        try {
            List<Duration> delays = Arrays.stream(value.split(","))
                    .map(String::strip)
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                    .toList();
            if (delays.stream().noneMatch(Duration::isNegative)) {
                return delays;
            }
        } catch (NumberFormatException invalid) {
            // reported below
        }
        throw new IllegalStateException(
                key + " must be comma-separated milliseconds of 0 or more (or 'none'), not '" + value + "'");
    }
}
