package io.presence.infrastructure.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.api.spi.ResourceType;
import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventReader;
import io.presence.core.events.ResourceEvents;
import io.presence.infrastructure.inprocess.InProcessResourceEvents;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisResourceEvents;
import io.presence.testing.KafkaTestBroker;
import io.presence.testing.RedisTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The Kafka intake of resource events against a real broker (and a real Redis for the bus). */
class KafkaResourceEventConsumerIT {

    private static final ResourceType WORK_ORDER =
            ResourceType.of("work_order", "WO-[0-9]{1,6}", "created", "updated", "deleted", "kitted");
    private static final ResourceEventReader READER = new ResourceEventReader(
            name -> Optional.of(WORK_ORDER).filter(type -> type.name().equals(name)), Clock.systemUTC());

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
    void validRecordsReachTheBusAndMalformedOnesAreDeadLetteredWithoutBlocking() throws Exception {
        Topics t = new Topics();
        produce(
                t.events,
                "not json at all",
                record("acme", "WO-1", "exploded"),
                record("acme", "WO-1", "updated"),
                "{\"resource_type\":\"work_order\"}",
                record("globex", "WO-2", "kitted"));
        BlockingQueue<ResourceEvent> received = new LinkedBlockingQueue<>();
        ResourceEvents bus = new InProcessResourceEvents();
        bus.addListener(received::add);
        try (KafkaResourceEventConsumer consumer = consumer(t, bus)) {
            consumer.start();
            ResourceEvent first = received.poll(30, TimeUnit.SECONDS);
            ResourceEvent second = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the valid record after two bad ones reached the bus");
            assertEquals("work_order_updated", first.eventType());
            assertEquals("acme", first.ref().tenant());
            assertNotNull(second, "a bad record in between did not block the next one");
            assertEquals("globex", second.ref().tenant());
            assertEquals("work_order_kitted", second.eventType());

            List<ConsumerRecord<String, String>> letters = readAll(t.deadLetters, 3);
            assertEquals(3, letters.size(), "each invalid record was dead-lettered once");
            assertEquals("not json at all", letters.get(0).value());
            assertTrue(header(letters.get(1), "presence.error").contains("exploded"));
            assertEquals(t.events + "-0@0", header(letters.get(0), "presence.source"));
        }
    }

    @Test
    void aRecordIsRetriedNotLostWhileTheBusIsDown() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start();
                JedisPooled pool = RedisConnections.pool(redis.url());
                RedisResourceEvents bus = new RedisResourceEvents(pool, "presence:events:" + UUID.randomUUID())) {
            assumeTrue(redis.isManaged(), "needs a Redis the test can stop and start");
            BlockingQueue<ResourceEvent> received = new LinkedBlockingQueue<>();
            bus.addListener(received::add);
            Topics t = new Topics();
            redis.stop();
            produce(t.events, record("acme", "WO-7", "created"));
            try (KafkaResourceEventConsumer consumer = consumer(t, bus)) {
                consumer.start();
                assertNull(received.poll(4, TimeUnit.SECONDS), "nothing can be delivered while Redis is down");
                redis.restart();
                ResourceEvent event = received.poll(30, TimeUnit.SECONDS);
                assertNotNull(event, "the record was retried once the bus was back");
                assertEquals("WO-7", event.ref().id());
            }
        }
    }

    @Test
    void theConsumerAndTheProbeSurviveABrokerOutage() throws Exception {
        Topics t = new Topics();
        BlockingQueue<ResourceEvent> received = new LinkedBlockingQueue<>();
        ResourceEvents bus = new InProcessResourceEvents();
        bus.addListener(received::add);
        try (KafkaResourceEventConsumer consumer = consumer(t, bus);
                KafkaProbe probe = new KafkaProbe(KafkaClients.admin(kafka.bootstrapServers(), "probe"))) {
            consumer.start();
            produce(t.events, record("acme", "WO-1", "created"));
            assertNotNull(received.poll(30, TimeUnit.SECONDS), "delivered before the outage");
            assertTrue(probe.isAvailable());

            kafka.kill();
            assertFalse(probe.isAvailable(), "the probe reports the outage");
            Thread.sleep(2_000);
            kafka.restart();
            assertTrue(probe.isAvailable(), "the probe reports the recovery");
            produce(t.events, record("acme", "WO-2", "updated"));
            ResourceEvent after = received.poll(60, TimeUnit.SECONDS);
            // At least once: when the broker died before WO-1's offset commit landed, WO-1 comes again first.
            while (after != null && "WO-1".equals(after.ref().id())) {
                after = received.poll(60, TimeUnit.SECONDS);
            }
            assertNotNull(after, "the consumer resumed after the broker came back");
            assertEquals("WO-2", after.ref().id());
        }
    }

    /** A fresh topic pair per test, so tests neither see nor disturb each other's records. */
    private static final class Topics {
        final String events = "events-" + UUID.randomUUID();
        final String deadLetters = events + ".dlt";
        final String group = "group-" + UUID.randomUUID();

        Topics() {
            kafka.createTopic(events, 1);
            kafka.createTopic(deadLetters, 1);
        }
    }

    private static KafkaResourceEventConsumer consumer(Topics t, ResourceEvents bus) {
        String servers = kafka.bootstrapServers();
        return new KafkaResourceEventConsumer(
                KafkaClients.consumer(servers, t.group, "it-consumer"),
                t.events,
                READER,
                bus,
                new DeadLetters(KafkaClients.producer(servers, "it-dlt"), t.deadLetters));
    }

    private static void produce(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(KafkaClients.producer(kafka.bootstrapServers(), "it-producer"))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(
                KafkaClients.consumer(kafka.bootstrapServers(), "reader-" + UUID.randomUUID(), "it-reader"))) {
            reader.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String record(String tenant, String id, String action) {
        return "{\"tenant\":\"" + tenant + "\",\"resource_type\":\"work_order\",\"resource_id\":\"" + id
                + "\",\"action\":\"" + action + "\",\"user_id\":5,\"user\":\"jsmith\"}";
    }
}
