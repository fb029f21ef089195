package io.presence.infrastructure.kafka;

import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventReader;
import io.presence.core.events.ResourceEvents;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumes resource events from a Kafka topic and publishes them on the {@link ResourceEvents} bus,
 * on its own thread. All nodes share one consumer group, so each record is handled by one node and the
 * bus carries it to the others.
 *
 * <p>Delivery: offsets are committed only after the record's event is on the bus (or dead-lettered),
 * so nothing acknowledged is lost; after a crash a record may be published twice. A record that is
 * not a valid event is logged and sent to the dead-letter topic and never blocks the partition. When
 * the bus fails (Redis down) the consumer seeks back to the failed record and retries it with a
 * backoff. Broker outages and consumer failures are handled by the {@link ConsumerThread}.
 */
public final class KafkaResourceEventConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaResourceEventConsumer.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);

    private final ResourceEventReader reader;
    private final ResourceEvents bus;
    private final DeadLetters deadLetters;
    private final ConsumerThread thread;

    /**
     * @param consumerProperties at least {@code bootstrap.servers} and {@code group.id}; see
     *     {@link KafkaClients#consumer}
     */
    public KafkaResourceEventConsumer(
            Properties consumerProperties,
            String topic,
            ResourceEventReader reader,
            ResourceEvents bus,
            DeadLetters deadLetters) {
        this.reader = reader;
        this.bus = bus;
        this.deadLetters = deadLetters;
        this.thread = new ConsumerThread(
                "presence-kafka-resource-events", consumerProperties, List.of(topic), this::pollOnce);
    }

    public void start() {
        thread.start();
    }

    /** Handles one poll's records; false when the bus failed and the rest must be retried. */
    private boolean pollOnce(KafkaConsumer<String, String> opened) {
        ConsumerRecords<String, String> records = opened.poll(POLL);
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!handle(record)) {
                    opened.seek(partition, record.offset());
                    return false;
                }
                ConsumerThread.commit(opened, partition, record.offset() + 1);
            }
        }
        return true;
    }

    private boolean handle(ConsumerRecord<String, String> record) {
        ResourceEvent event;
        try {
            event = reader.readRecord(record.value());
        } catch (RuntimeException invalid) {
            LOG.warning(() -> "dead-lettering resource event record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + invalid.getMessage());
            deadLetters.send(record, invalid.getMessage());
            return true;
        }
        try {
            bus.publish(event);
            return true;
        } catch (RuntimeException busDown) {
            LOG.warning(() -> "cannot publish " + event.eventType() + " from " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ", will retry: " + busDown.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        thread.close();
        deadLetters.close();
    }
}
