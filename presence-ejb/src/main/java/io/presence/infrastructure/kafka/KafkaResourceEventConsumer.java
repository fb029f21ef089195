package io.presence.infrastructure.kafka;

import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventReader;
import io.presence.core.events.ResourceEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Consumes resource events from a Kafka topic and publishes them on the {@link ResourceEvents} bus,
 * on its own thread. All nodes share one consumer group, so each record is handled by one node and the
 * bus carries it to the others.
 *
 * <p>Delivery: offsets are committed only after the record's event is on the bus (or dead-lettered),
 * so nothing acknowledged is lost; after a crash a record may be published twice. A record that is
 * not a valid event is logged and sent to the dead-letter topic and never blocks the partition. When
 * the bus fails (Redis down) the consumer seeks back to the failed record and retries it with a
 * backoff. A broker outage is ridden out by the client's reconnects; any other consumer failure
 * closes the consumer and opens a new one after a backoff.
 */
public final class KafkaResourceEventConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaResourceEventConsumer.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Properties consumerProperties;
    private final String topic;
    private final ResourceEventReader reader;
    private final ResourceEvents bus;
    private final DeadLetters deadLetters;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

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
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.reader = reader;
        this.bus = bus;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, "presence-kafka-resource-events");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(consumerProperties)) {
                consumer = opened;
                opened.subscribe(List.of(topic));
                while (running) {
                    backoffMs = pollOnce(opened) ? 100 : backoff(backoffMs);
                }
            } catch (WakeupException e) {
                LOG.fine("resource event consumer woken up to stop");
            } catch (KafkaException | IllegalStateException e) {
                LOG.log(Level.WARNING, "resource event consumer failed; reopening in " + backoffMs + " ms", e);
                backoffMs = backoff(backoffMs);
            }
        }
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
                commit(opened, partition, record.offset() + 1);
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

    private static void commit(KafkaConsumer<String, String> opened, TopicPartition partition, long next) {
        try {
            opened.commitSync(Map.of(partition, new OffsetAndMetadata(next)), Duration.ofSeconds(5));
        } catch (KafkaException e) {
            LOG.warning("offset commit failed (the record may be delivered again): " + e.getMessage());
        }
    }

    private long backoff(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return Math.min(ms * 2, MAX_BACKOFF_MS);
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
    }
}
