package io.presence.infrastructure.kafka;

import io.presence.core.errors.PresenceException;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.records.LifecycleCounters;
import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecycleEventReader;
import io.presence.core.records.RecordStateStore.LifecycleOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumes the two lifecycle topics and applies each record's event to the record's state, on a thread
 * of its own. All nodes share one consumer group, so each record is applied by one node; the store
 * carries the change to every node's watchers.
 *
 * <p>Delivery: a partition's offset is committed only after its record took effect (applied, or found a
 * duplicate of an event id applied before) or was dead-lettered, so nothing acknowledged is lost; a
 * record delivered again after a crash is a duplicate and changes nothing.
 *
 * <p>Failures: a record that cannot be read (malformed JSON, unknown type, invalid id) or whose event
 * fails is tried again after each delay of the retry schedule (1 s, 3 s, 9 s by default) and then copied
 * to {@code <topic>.dlt} with headers saying why, where from, and when each attempt failed. A store that
 * is down is no fault of the record: it is retried with a backoff until the store answers, and never
 * dead-lettered; so is a dead-letter topic that cannot be written. While a record waits its partition is
 * paused and the other partitions of both topics flow. Broker outages and consumer failures are
 * handled by the {@link ConsumerThread}.
 */
public final class KafkaLifecycleConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaLifecycleConsumer.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);

    private final Properties consumerProperties;
    private final LifecycleTopics topics;
    private final LifecycleEventReader reader;
    private final Function<LifecycleEvent, LifecycleOutcome> lifecycle;
    private final DeadLetters deadLetters;
    private final LifecycleCounters counters;
    private final PartitionRetries retries;
    private final ConsumerThread thread;

    /**
     * @param consumerProperties see {@link KafkaClients#consumer}
     * @param retryDelays the waits before the second, third, … attempt of a failing record
     * @param lifecycle applies an event once per event id ({@code RecordLifecycle::apply})
     * @param deadLetters sends a record of a topic to {@code <topic>.dlt}
     */
    public KafkaLifecycleConsumer(
            Properties consumerProperties,
            LifecycleTopics topics,
            List<Duration> retryDelays,
            LifecycleEventReader reader,
            Function<LifecycleEvent, LifecycleOutcome> lifecycle,
            DeadLetters deadLetters,
            LifecycleCounters counters) {
        this.consumerProperties = consumerProperties;
        this.topics = topics;
        this.reader = reader;
        this.lifecycle = lifecycle;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.retries = new PartitionRetries(retryDelays);
        this.thread = new ConsumerThread("presence-kafka-lifecycle", consumerProperties, topics.both(), new Body());
    }

    public void start() {
        thread.start();
    }

    /** Resumes the partitions whose wait is over, then handles one poll's records. */
    private boolean pollOnce(KafkaConsumer<String, String> opened) {
        List<TopicPartition> due = retries.due(Instant.now());
        due.retainAll(opened.assignment());
        opened.resume(due);
        ConsumerRecords<String, String> records = opened.poll(pollTimeout());
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                Instant retryAt = handle(partition, record);
                if (retryAt != null) {
                    opened.seek(partition, record.offset());
                    opened.pause(List.of(partition));
                    break;
                }
                retries.done(partition);
                ConsumerThread.commit(opened, partition, record.offset() + 1);
                counters.countConsumed(record.topic());
            }
        }
        return true;
    }

    /** Applies the record's event; null when done with it, else when to try it again. */
    private Instant handle(TopicPartition partition, ConsumerRecord<String, String> record) {
        try {
            LifecycleEvent event = reader.readRecord(record.value(), topics.phaseOf(record.topic()));
            LifecycleOutcome outcome = lifecycle.apply(event);
            if (!outcome.applied()) {
                LOG.fine(() -> "lifecycle event " + event.eventId() + " from " + DeadLetters.source(record)
                        + " was applied before; nothing changed");
            }
            return null;
        } catch (StoreUnavailableException storeDown) {
            Instant retryAt = retries.unavailable(partition, record.offset(), Instant.now());
            LOG.warning(() -> "cannot apply " + DeadLetters.source(record) + " while the store is down, retrying at "
                    + retryAt + ": " + storeDown.getMessage());
            return retryAt;
        } catch (RuntimeException failure) {
            return failed(partition, record, failure);
        }
    }

    /** Schedules the next attempt, or dead-letters the record once its attempts are used up. */
    private Instant failed(TopicPartition partition, ConsumerRecord<String, String> record, RuntimeException failure) {
        Instant now = Instant.now();
        Instant retryAt = retries.failed(partition, record.offset(), now).orElse(null);
        List<Instant> attempts = retries.attempts(partition);
        if (retryAt != null) {
            LOG.warning(() -> "lifecycle record " + DeadLetters.source(record) + " failed (attempt " + attempts.size()
                    + "), retrying at " + retryAt + ": " + failure.getMessage());
            return retryAt;
        }
        if (deadLetters.send(record, String.valueOf(failure.getMessage()), headers(record, failure, attempts, now))) {
            LOG.warning(() -> "dead-lettered lifecycle record " + DeadLetters.source(record) + " after "
                    + attempts.size() + " attempts: " + failure.getMessage());
            counters.countDeadLettered(record.topic());
            return null;
        }
        return retries.unavailable(partition, record.offset(), now);
    }

    /** The dead letter's headers besides {@code presence.error} and {@code presence.source}. */
    private static Map<String, String> headers(
            ConsumerRecord<String, String> record, RuntimeException failure, List<Instant> attempts, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "presence.error-code",
                failure instanceof PresenceException known
                        ? known.code()
                        : failure.getClass().getName());
        headers.put("presence.attempts", String.valueOf(attempts.size()));
        headers.put(
                "presence.attempted-at",
                attempts.stream().map(Instant::toString).collect(Collectors.joining(",")));
        headers.put(
                "presence.source-timestamp",
                Instant.ofEpochMilli(record.timestamp()).toString());
        headers.put("presence.dead-lettered-at", now.toString());
        return headers;
    }

    private Duration pollTimeout() {
        return retries.nextDue()
                .map(at -> Duration.between(Instant.now(), at))
                .filter(wait -> wait.compareTo(POLL) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
                .orElse(POLL);
    }

    /**
     * Polls on the consumer thread. A partition that goes to another node (or a consumer reopened after a
     * failure) is retried from its committed offset, counting afresh.
     */
    private final class Body implements ConsumerThread.Body {
        @Override
        public boolean pollOnce(KafkaConsumer<String, String> consumer) {
            return KafkaLifecycleConsumer.this.pollOnce(consumer);
        }

        @Override
        public void opened() {
            retries.forgetAll();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            retries.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            retries.forget(partitions);
        }
    }

    @Override
    public void close() {
        thread.close();
        deadLetters.close();
    }
}
