package io.presence.infrastructure.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.EventQueueUnavailableException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.presence.PresenceStore;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.LifecycleCounters;
import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecycleEvent.Phase;
import io.presence.core.records.LifecycleEventReader;
import io.presence.core.records.LifecyclePublisher.Publication;
import io.presence.core.records.RecordLifecycles;
import io.presence.core.records.RecordStateStore;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.KafkaTestBroker;
import io.presence.testing.RedisTestServer;
import io.presence.testing.TestPorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Record lifecycles over a real Kafka broker, applied to the in-memory store (and a real Redis). */
class KafkaLifecycleConsumerIT {

    private static final ResourceType ORDER = ResourceType.of("order", "[0-9]{1,9}", "updated");
    private static final LifecycleEventReader READER = new LifecycleEventReader(name -> {
        if (name.equals("order") || name.equals("Order")) {
            return ORDER;
        }
        throw NotFoundException.unknownResourceType(name);
    });
    private static final List<Duration> SEED_DELAYS =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9));
    private static final List<Duration> SHORT_DELAYS = List.of(Duration.ofMillis(100), Duration.ofMillis(100));

    private static KafkaTestBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAfterRetriesAtOneThreeAndNineSeconds() throws Exception {
        Topics t = new Topics();
        ResourceRef order = t.order("123");
        LifecycleCounters counters = new LifecycleCounters();
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                KafkaLifecycleConsumer consumer = consumer(t, t.group, SEED_DELAYS, store, counters)) {
            produce(t.topics.mutating(), "{\"event_id\":\"e-1\",\"entity\":\"Order\"");
            produce(t.topics.mutating(), event(order, "e-2", "batch"));
            produce(t.topics.mutated(), event(order, "e-3", null));
            consumer.start();

            await(() -> lifecycle(store, order).version() == 1, "the MUTATED topic flowed while MUTATING waited");
            assertEquals(0, counters.deadLettered(t.topics.mutating()), "the poison record is still being retried");

            List<ConsumerRecord<String, String>> letters = readAll(t.mutatingDlt, 1, Duration.ofSeconds(40));
            assertEquals(1, letters.size(), "the poison record was dead-lettered once");
            ConsumerRecord<String, String> letter = letters.get(0);
            assertEquals("{\"event_id\":\"e-1\",\"entity\":\"Order\"", letter.value(), "copied unchanged");
            assertEquals(t.topics.mutating() + "-0@0", header(letter, "presence.source"));
            assertEquals("malformed_request", header(letter, "presence.error-code"));
            assertFalse(header(letter, "presence.error").isBlank());
            assertEquals("4", header(letter, "presence.attempts"));
            List<Instant> attempts = Arrays.stream(
                            header(letter, "presence.attempted-at").split(","))
                    .map(Instant::parse)
                    .toList();
            assertEquals(4, attempts.size());
            for (int i = 0; i < SEED_DELAYS.size(); i++) {
                Duration gap = Duration.between(attempts.get(i), attempts.get(i + 1));
                Duration expected = SEED_DELAYS.get(i);
                assertTrue(
                        gap.compareTo(expected) >= 0 && gap.compareTo(expected.plusSeconds(2)) < 0,
                        "retry " + (i + 1) + " came " + gap + " after the attempt before, expected " + expected);
            }

            await(() -> lifecycle(store, order).stale(), "the record after the poison one was applied after it");
            assertEquals("batch", lifecycle(store, order).busyBy());
            assertEquals(1, counters.deadLettered(t.topics.mutating()));
            assertEquals(0, counters.deadLettered(t.topics.mutated()));
            await(() -> counters.consumed(t.topics.mutating()) == 2, "both MUTATING records counted");
        }
    }

    @Test
    void aDuplicateMutatedBumpsTheVersionOnce() throws Exception {
        Topics t = new Topics();
        ResourceRef order = t.order("7");
        LifecycleCounters counters = new LifecycleCounters();
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                KafkaLifecycleConsumer consumer = consumer(t, t.group, SHORT_DELAYS, store, counters)) {
            produce(t.topics.mutated(), event(order, "e-1", null), event(order, "e-1", null));
            consumer.start();
            await(() -> counters.consumed(t.topics.mutated()) == 2, "both deliveries were consumed");
            assertEquals(1, lifecycle(store, order).version(), "the second delivery of e-1 changed nothing");
            assertEquals(0, counters.deadLettered(t.topics.mutated()));
        }
    }

    @Test
    void eventsPublishedOverRestShowStaleThenTheNextVersion() throws Exception {
        Topics t = new Topics();
        ResourceRef order = t.order("123");
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                KafkaLifecycleEvents events = events(kafka.bootstrapServers(), t, store)) {
            events.start();
            Publication queued = events.publish(new LifecycleEvent("e-1", Phase.MUTATING, order, "jsmith"));
            assertEquals(Publication.QUEUED, queued);
            await(() -> lifecycle(store, order).stale(), "MUTATING made the record stale");
            assertEquals("jsmith", lifecycle(store, order).busyBy());
            assertEquals(0, lifecycle(store, order).version());

            events.publish(new LifecycleEvent("e-2", Phase.MUTATED, order, null));
            await(() -> !lifecycle(store, order).stale(), "MUTATED cleared the stale flag");
            assertEquals(new Lifecycle(1, null, null), lifecycle(store, order));
        }
    }

    @Test
    void offsetsAreCommittedAfterTheEffectSoARestartedConsumerDoesNotSeeARecordAgain() throws Exception {
        Topics t = new Topics();
        ResourceRef order = t.order("9");
        try (InMemoryPresenceStore store = new InMemoryPresenceStore()) {
            LifecycleCounters first = new LifecycleCounters();
            try (KafkaLifecycleConsumer consumer = consumer(t, t.group, SHORT_DELAYS, store, first)) {
                produce(t.topics.mutated(), event(order, "e-1", null));
                consumer.start();
                await(() -> first.consumed(t.topics.mutated()) == 1, "the first consumer took e-1");
            }
            LifecycleCounters second = new LifecycleCounters();
            try (KafkaLifecycleConsumer consumer = consumer(t, t.group, SHORT_DELAYS, store, second)) {
                produce(t.topics.mutated(), event(order, "e-2", null));
                consumer.start();
                await(() -> lifecycle(store, order).version() == 2, "the restarted consumer took e-2");
                assertEquals(1, second.consumed(t.topics.mutated()), "e-1 was committed and not delivered again");
            }
        }
    }

    @Test
    void aRecordIsRetriedNotDeadLetteredWhileTheStoreIsDown() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start();
                JedisPooled pool = RedisConnections.pool(redis.url());
                RedisPresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90))) {
            assumeTrue(redis.isManaged(), "needs a Redis the test can stop and start");
            Topics t = new Topics();
            ResourceRef order = t.order("11");
            LifecycleCounters counters = new LifecycleCounters();
            redis.stop();
            produce(t.topics.mutated(), event(order, "e-1", null));
            try (KafkaLifecycleConsumer consumer = consumer(t, t.group, SHORT_DELAYS, store, counters)) {
                consumer.start();
                // With the short schedule a counted failure would be dead-lettered within a second.
                assertTrue(readAll(t.mutatedDlt, 1, Duration.ofSeconds(4)).isEmpty(), "not dead-lettered");
                assertEquals(0, counters.consumed(t.topics.mutated()), "nothing is done while the store is down");
                redis.restart();
                await(() -> counters.consumed(t.topics.mutated()) == 1, "the record was applied once Redis was back");
                assertEquals(1, lifecycle(store, order).version());
                assertEquals(0, counters.deadLettered(t.topics.mutated()));
            }
        }
    }

    @Test
    void publishingWhileTheBrokerIsUnreachableFailsAndNothingTakesEffect() {
        Topics t = new Topics();
        ResourceRef order = t.order("5");
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                KafkaLifecycleEvents events = events("127.0.0.1:" + TestPorts.free(), t, store)) {
            EventQueueUnavailableException refused = assertThrows(
                    EventQueueUnavailableException.class,
                    () -> events.publish(new LifecycleEvent("e-1", Phase.MUTATED, order, null)));
            assertEquals(503, refused.status());
            assertEquals("event_queue_unavailable", refused.code());
            assertEquals(0, lifecycle(store, order).version());
        }
    }

    /** Fresh topics (and their dead-letter topics) and a fresh group per test. */
    private static final class Topics {
        final String prefix = "lc-" + UUID.randomUUID();
        final LifecycleTopics topics = new LifecycleTopics(prefix + ".mutating", prefix + ".mutated");
        final String mutatingDlt = LifecycleTopics.deadLetterTopic(topics.mutating());
        final String mutatedDlt = LifecycleTopics.deadLetterTopic(topics.mutated());
        final String group = "group-" + UUID.randomUUID();
        final String tenant = "t-" + UUID.randomUUID();

        Topics() {
            for (String topic : List.of(topics.mutating(), topics.mutated(), mutatingDlt, mutatedDlt)) {
                kafka.createTopic(topic, 1);
            }
        }

        ResourceRef order(String id) {
            return new ResourceRef(tenant, "order", id);
        }
    }

    private static <S extends PresenceStore & RecordStateStore> KafkaLifecycleConsumer consumer(
            Topics t, String group, List<Duration> delays, S store, LifecycleCounters counters) {
        String servers = kafka.bootstrapServers();
        return new KafkaLifecycleConsumer(
                KafkaClients.consumer(servers, group, "it-lifecycle"),
                t.topics,
                delays,
                READER,
                RecordLifecycles.over(store, Duration.ofMinutes(5))::apply,
                new DeadLetters(KafkaClients.producer(servers, "it-lifecycle-dlt"), LifecycleTopics::deadLetterTopic),
                counters);
    }

    private static KafkaLifecycleEvents events(String servers, Topics t, RecordStateStore store) {
        return new KafkaLifecycleEvents(
                servers,
                Map.of(),
                t.group,
                t.topics,
                SHORT_DELAYS,
                READER,
                RecordLifecycles.over(store, Duration.ofMinutes(5))::apply,
                new LifecycleCounters());
    }

    private static Lifecycle lifecycle(PresenceStore store, ResourceRef ref) {
        return store.snapshot(ref, Instant.now()).state().lifecycle();
    }

    /** Seed 002's field names, as a domain application would produce them. */
    private static String event(ResourceRef ref, String eventId, String busyBy) {
        return "{\"eventId\":\"" + eventId + "\",\"tenantId\":\"" + ref.tenant() + "\",\"entity\":\"Order\",\"id\":\""
                + ref.id() + "\"" + (busyBy == null ? "" : ",\"userId\":\"" + busyBy + "\"") + "}";
    }

    private static void produce(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(KafkaClients.producer(kafka.bootstrapServers(), "it-producer"))) {
            for (String value : values) {
                String key = value.contains("\"id\":\"")
                        ? value.replaceAll(".*\"tenantId\":\"([^\"]+)\".*\"id\":\"([^\"]+)\".*", "$1:order:$2")
                        : null;
                producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected, Duration within) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(
                KafkaClients.consumer(kafka.bootstrapServers(), "reader-" + UUID.randomUUID(), "it-reader"))) {
            reader.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }
}
