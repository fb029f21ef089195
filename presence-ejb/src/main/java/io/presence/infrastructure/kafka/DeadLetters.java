package io.presence.infrastructure.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * A dead-letter topic: a record that is not a valid event is copied there unchanged, with headers
 * saying where it came from and why it was refused. Sending waits at most {@value
 * #SEND_TIMEOUT_SECONDS} s and reports whether it worked: resource events log and skip a record that
 * could not be dead-lettered, so that one bad record cannot block a partition; lifecycle events try
 * again, so that nothing is skipped unrecorded. One producer may serve several source topics, each with
 * its own dead-letter topic.
 */
public final class DeadLetters implements AutoCloseable {

    static final int SEND_TIMEOUT_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final KafkaProducer<String, String> producer;
    private final UnaryOperator<String> topicOfSource;

    /** Every source topic's records go to {@code topic}. */
    public DeadLetters(Properties producerProperties, String topic) {
        this(producerProperties, source -> topic);
    }

    /** @param topicOfSource the dead-letter topic of a source topic */
    public DeadLetters(Properties producerProperties, UnaryOperator<String> topicOfSource) {
        this.producer = new KafkaProducer<>(producerProperties);
        this.topicOfSource = topicOfSource;
    }

    /** With headers {@code presence.error} (the reason) and {@code presence.source} (topic-partition@offset). */
    boolean send(ConsumerRecord<String, String> record, String reason) {
        return send(record, reason, Map.of());
    }

    /** As {@link #send(ConsumerRecord, String)}, with more headers; true once the letter is acknowledged. */
    boolean send(ConsumerRecord<String, String> record, String reason, Map<String, String> headers) {
        String topic = topicOfSource.apply(record.topic());
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, record.key(), record.value());
        letter.headers().add("presence.error", bytes(reason));
        letter.headers().add("presence.source", bytes(source(record)));
        headers.forEach((name, value) -> letter.headers().add(name, bytes(value)));
        try {
            producer.send(letter).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warning("could not dead-letter " + source(record) + " to " + topic + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** {@code topic-partition@offset}, how logs and headers name a record. */
    static String source(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static byte[] bytes(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
