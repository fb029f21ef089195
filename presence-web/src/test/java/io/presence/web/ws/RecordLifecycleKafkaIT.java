package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.testing.KafkaTestBroker;
import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Record lifecycle through a real Kafka broker on a real node: events accepted over REST are produced to
 * the lifecycle topics and applied by the node's consumer, watchers see them, and the metrics endpoint
 * counts consumed and dead-lettered records under seed 002's names. Kafka is optional here (the
 * default): when the broker goes away the node stays ready and says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordLifecycleKafkaIT {

    static final int PORT = 18340;
    static final String MUTATING = "core.entities.lifecycle.mutating";
    static final String MUTATED = "core.entities.lifecycle.mutated";
    static final Duration WAIT = Duration.ofSeconds(30);

    static KafkaTestBroker kafka;
    static PayaraNode node;
    static ApiClient api;
    static String bob;
    static String publisher;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestBroker.start();
        for (String topic : new String[] {MUTATING, MUTATED, MUTATING + ".dlt", MUTATED + ".dlt"}) {
            kafka.createTopic(topic, 2);
        }
        node = PayaraNode.start(
                "lifecycle-kafka",
                PORT,
                Map.of(
                        "PRESENCE_KAFKA_BOOTSTRAP_SERVERS",
                        kafka.bootstrapServers(),
                        "PRESENCE_KAFKA_LIFECYCLE_RETRY_DELAYS_MS",
                        "100,300,900"));
        api = new ApiClient(URI.create("http://127.0.0.1:" + PORT + "/"));
        bob = api.token("u2", "Bob", "acme");
        publisher = api.token("erp", "ERP", new String[] {"acme"}, new String[] {"presence-publisher"});
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void eventsAcceptedOverRestGoThroughKafkaAndReachWatchers() throws InterruptedException {
        String id = "O-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "api/v1/records/order/" + id;
        try (WsTestClient watcher = WsTestClient.connect(PORT, bob, "acme")) {
            watcher.send("{\"type\":\"subscribe\",\"resource_type\":\"order\",\"resource_id\":\"" + id + "\"}");
            watcher.next("snapshot");

            Reply mutating = api.post(
                    base + "/lifecycle",
                    publisher,
                    "{\"event_id\":\"k1\",\"phase\":\"MUTATING\",\"busy_by\":\"Import\"}");
            assertEquals(202, mutating.status(), mutating::toString);
            assertEquals("queued", mutating.data().getString("status"));
            JsonObject stale = watcher.await(m -> m.getString("type").equals("lifecycle"), WAIT);
            assertTrue(stale.getBoolean("stale"));
            assertEquals("Import", stale.getString("busy_by"));

            api.post(base + "/lifecycle", publisher, "{\"event_id\":\"k2\",\"phase\":\"MUTATED\"}");
            api.post(base + "/lifecycle", publisher, "{\"event_id\":\"k2\",\"phase\":\"MUTATED\"}");
            JsonObject done = watcher.await(m -> m.getString("type").equals("lifecycle"), WAIT);
            assertFalse(done.getBoolean("stale"));
            assertEquals(1, done.getInt("version"));
            awaitMetric(MUTATED, 2);
            assertEquals(1, api.get(base, bob).data().getInt("version"), "the duplicate MUTATED bumped nothing");
        }
    }

    @Test
    @Order(2)
    void aPoisonRecordIsDeadLetteredAndCountedUnderSeed002sNames() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(MUTATING, "acme:order:O-poison", "{\"phase\":\"MUTATING\"}"))
                    .get(30, TimeUnit.SECONDS);
        }
        awaitMetric(MUTATING + ".dlt", 1);
    }

    @Test
    @Order(3)
    void withOptionalKafkaTheNodeStaysReadyWhileTheBrokerIsDown() throws InterruptedException {
        kafka.kill();
        long deadline = System.nanoTime() + WAIT.toNanos();
        Reply ready = api.get("health/ready", null);
        while (System.nanoTime() < deadline && available(kafkaCheck(ready))) {
            Thread.sleep(200);
            ready = api.get("health/ready", null);
        }
        JsonObject check = kafkaCheck(ready);
        assertFalse(available(check), "the check noticed the outage: " + ready);
        assertEquals(200, ready.status(), "still ready: Kafka is optional by default: " + ready);
        assertEquals("UP", check.getString("status"));
    }

    /** The check's {@code available} datum (a JSON boolean or, depending on the server, its text). */
    private static boolean available(JsonObject check) {
        return check.getJsonObject("data")
                .get("available")
                .toString()
                .replace("\"", "")
                .equals("true");
    }

    private static JsonObject kafkaCheck(Reply ready) {
        return ready.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("kafka"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no kafka check in " + ready));
    }

    /** Waits until the metrics endpoint shows seed 002's consumed counter for the topic at least at {@code min}. */
    private static void awaitMetric(String topic, double min) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = api.exchange("GET", "metrics", null, null, null).body();
            if (metrics.lines()
                    .filter(line -> line.startsWith("kafka_consumer_records_consumed_total{")
                            && line.contains("topic=\"" + topic + "\""))
                    .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= min)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("kafka_consumer_records_consumed_total{topic=\"" + topic + "\"} never reached " + min
                + ":\n" + metrics);
    }
}
