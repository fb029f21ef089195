package io.presence.infrastructure.kafka;

import io.presence.core.errors.EventQueueUnavailableException;
import io.presence.core.records.LifecycleCounters;
import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecycleEventReader;
import io.presence.core.records.LifecycleEventWriter;
import io.presence.core.records.LifecyclePublisher;
import io.presence.core.records.RecordStateStore.LifecycleOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Record lifecycles over Kafka: the node's {@link KafkaLifecycleConsumer} of the two lifecycle topics,
 * and the {@link LifecyclePublisher} that produces the events accepted over REST to the same topics, so
 * that they take effect the way a domain application's own events do. A produced record's key is the
 * record ({@code tenant:resource_type:resource_id}), so that one record's events of one phase stay in
 * order; its value is {@link LifecycleEventWriter}'s JSON. The clients share a random client id
 * ({@code presence-lifecycle-1a2b3c4d}; {@code -dlt} and {@code -producer} appended).
 */
public final class KafkaLifecycleEvents implements LifecyclePublisher {

    /** How long {@link #publish} waits for the broker's acknowledgement, at most. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final LifecycleTopics topics;
    private final KafkaProducer<String, String> producer;
    private final KafkaLifecycleConsumer consumer;

    /**
     * Creates the clients; nothing is consumed before {@link #start()}.
     *
     * @param clientProperties the operator's Kafka client properties ({@code presence.kafka.client.*})
     * @param groupId the consumer group of all nodes' lifecycle consumers
     * @param retryDelays the waits before the second, third, … attempt of a failing record
     * @param reader reads each record like a REST body (the topic gives the phase)
     * @param lifecycle applies an event once per event id ({@code RecordLifecycle::apply})
     */
    public KafkaLifecycleEvents(
            String bootstrapServers,
            Map<String, String> clientProperties,
            String groupId,
            LifecycleTopics topics,
            List<Duration> retryDelays,
            LifecycleEventReader reader,
            Function<LifecycleEvent, LifecycleOutcome> lifecycle,
            LifecycleCounters counters) {
        String client = "presence-lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = topics;
        this.producer =
                new KafkaProducer<>(KafkaClients.producer(bootstrapServers, clientProperties, client + "-producer"));
        DeadLetters deadLetters = new DeadLetters(
                KafkaClients.producer(bootstrapServers, clientProperties, client + "-dlt"),
                LifecycleTopics::deadLetterTopic);
        this.consumer = new KafkaLifecycleConsumer(
                KafkaClients.consumer(bootstrapServers, clientProperties, groupId, client),
                topics,
                retryDelays,
                reader,
                lifecycle,
                deadLetters,
                counters);
    }

    /** Produces the event to its phase's topic and waits for the broker's acknowledgement. */
    @Override
    public Publication publish(LifecycleEvent event) {
        String topic = topics.topicOf(event.phase());
        ProducerRecord<String, String> record =
                new ProducerRecord<>(topic, event.ref().toString(), LifecycleEventWriter.write(event));
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Publication.QUEUED;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new EventQueueUnavailableException(
                    "lifecycle event " + event.eventId() + " could not be queued to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventQueueUnavailableException("interrupted while queueing to " + topic, e);
        }
    }

    @Override
    public void start() {
        consumer.start();
    }

    @Override
    public void close() {
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
