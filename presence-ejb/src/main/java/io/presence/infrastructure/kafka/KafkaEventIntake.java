package io.presence.infrastructure.kafka;

import io.presence.core.config.KafkaSettings;
import io.presence.core.events.ResourceEventIntake;
import io.presence.core.events.ResourceEventReader;
import io.presence.core.events.ResourceEvents;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ResourceEventIntake} from the Kafka topic {@code presence.kafka.resource-events-topic}: the
 * {@link KafkaResourceEventConsumer} of the node, its {@link DeadLetters} producer and the
 * {@link KafkaProbe} of the readiness check. The three clients share a random client id
 * ({@code presence-1a2b3c4d}; {@code -dlt} and {@code -probe} appended for the producer and the probe).
 */
public final class KafkaEventIntake implements ResourceEventIntake {

    private final KafkaResourceEventConsumer consumer;
    private final KafkaProbe probe;

    /**
     * Creates the clients; nothing is consumed before {@link #start()}.
     *
     * @param bootstrapServers the configured {@code presence.kafka.bootstrap-servers}
     * @param reader validates each record like {@code POST /api/v1/events}
     * @param bus where the events of valid records go
     */
    public KafkaEventIntake(
            String bootstrapServers, KafkaSettings settings, ResourceEventReader reader, ResourceEvents bus) {
        String client = "presence-" + UUID.randomUUID().toString().substring(0, 8);
        DeadLetters deadLetters = new DeadLetters(
                KafkaClients.producer(bootstrapServers, settings.clientProperties(), client + "-dlt"),
                settings.resourceEventsDltTopic());
        this.consumer = new KafkaResourceEventConsumer(
                KafkaClients.consumer(bootstrapServers, settings.clientProperties(), settings.groupId(), client),
                settings.resourceEventsTopic(),
                reader,
                bus,
                deadLetters);
        this.probe =
                new KafkaProbe(KafkaClients.admin(bootstrapServers, settings.clientProperties(), client + "-probe"));
    }

    @Override
    public void start() {
        consumer.start();
    }

    /** Whether the Kafka cluster answers with at least one broker (at most 3 s). */
    @Override
    public Optional<Boolean> sourceAvailable() {
        return Optional.of(probe.isAvailable());
    }

    @Override
    public void close() {
        consumer.close();
        probe.close();
    }
}
