package io.presence.infrastructure.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A Kafka consumer on a daemon thread of its own: opens it, subscribes to the topics and has the body
 * poll until closed. A broker outage is ridden out by the client's reconnects; any other consumer
 * failure closes the consumer and opens a new one after a backoff of 100 ms doubling to {@value
 * #MAX_BACKOFF_MS} ms, and so does a poll the body reports as failed (having sought back to what it
 * must retry).
 */
final class ConsumerThread implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerThread.class.getName());
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    /** What the thread does with its consumer. */
    interface Body extends ConsumerRebalanceListener {

        /** Polls once and handles the records; false when that failed and the next poll should wait. */
        boolean pollOnce(KafkaConsumer<String, String> consumer);

        /** A new consumer was opened (the first, or after a failure): what was known of the last is void. */
        default void opened() {}

        @Override
        default void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        default void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    }

    private final Properties consumerProperties;
    private final List<String> topics;
    private final Body body;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    ConsumerThread(String name, Properties consumerProperties, List<String> topics, Body body) {
        this.consumerProperties = consumerProperties;
        this.topics = List.copyOf(topics);
        this.body = body;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoffMs = FIRST_BACKOFF_MS;
        while (running) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(consumerProperties)) {
                consumer = opened;
                body.opened();
                opened.subscribe(topics, body);
                while (running) {
                    backoffMs = body.pollOnce(opened) ? FIRST_BACKOFF_MS : backoff(backoffMs);
                }
            } catch (WakeupException e) {
                LOG.fine(() -> thread.getName() + " woken up to stop");
            } catch (KafkaException | IllegalStateException e) {
                LOG.log(Level.WARNING, thread.getName() + " failed; reopening its consumer in " + backoffMs + " ms", e);
                backoffMs = backoff(backoffMs);
            }
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

    /** Commits {@code next} as the partition's offset; a failed commit is logged (the record may come again). */
    static void commit(KafkaConsumer<String, String> consumer, TopicPartition partition, long next) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)), Duration.ofSeconds(5));
        } catch (KafkaException e) {
            LOG.warning(
                    "offset commit of " + partition + " failed (the record may be delivered again): " + e.getMessage());
        }
    }

    /** Stops polling and waits up to 10 s for the thread to close its consumer. */
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
    }
}
