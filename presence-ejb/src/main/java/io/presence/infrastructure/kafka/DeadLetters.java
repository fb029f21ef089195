package io.presence.infrastructure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The dead-letter topic of resource events: a record that is not a valid event is copied there
 * unchanged, with headers saying where it came from and why it was refused. Sending waits at most
 * {@value #SEND_TIMEOUT_SECONDS} s; if that fails the record is logged and skipped, never retried,
 * so one bad record cannot block a partition.
 */
public final class DeadLetters implements AutoCloseable {

    static final int SEND_TIMEOUT_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public DeadLetters(Properties producerProperties, String topic) {
        this.producer = new KafkaProducer<>(producerProperties);
        this.topic = topic;
    }

    void send(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, record.key(), record.value());
        letter.headers().add("presence.error", bytes(reason));
        letter.headers()
                .add("presence.source", bytes(record.topic() + "-" + record.partition() + "@" + record.offset()));
        try {
            producer.send(letter).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warning("could not dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " to " + topic + ", skipping it: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
