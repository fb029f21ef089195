package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.infrastructure.kafka.KafkaClients;
import io.presence.testing.KafkaTestBroker;
import io.presence.testing.RedisTestServer;
import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A production-shaped node (Redis store, Kafka configured) started by the launcher: resource events
 * produced to Kafka arrive on the Redis event bus that every node listens to, bad records do not
 * block good ones, the readiness check follows the broker through an outage when Kafka is required,
 * and client properties pass through to the Kafka clients, whose own logs reach the server log.
 */
class DistributionKafkaIT {

    @Test
    void eventsFromKafkaReachTheSharedBusAndReadinessFollowsTheBroker() throws Exception {
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
                RedisTestServer redis = RedisTestServer.start();
                JedisPooled jedis = new JedisPooled(URI.create(redis.url()))) {
            kafka.createTopic("presence.resource-events", 1);
            kafka.createTopic("presence.resource-events.dlt", 1);
            BlockingQueue<String> bus = new LinkedBlockingQueue<>();
            Thread subscriber = subscribe(jedis, bus);
            try (LauncherProcess node = LauncherProcess.start(
                    LauncherProcess.distribution(),
                    "dist-kafka",
                    Map.of(
                            "PRESENCE_STORE", "redis",
                            "PRESENCE_REDIS_URL", redis.url(),
                            "PRESENCE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                            "PRESENCE_KAFKA_REQUIRED", "true",
                            "PRESENCE_KAFKA_CLIENT_CLIENT_RACK", "zone-7"))) {
                ApiClient api = new ApiClient(node.base());
                assertEquals("UP", kafkaCheck(api).getString("status"), "ready with the broker up");
                assertTrue(
                        node.log().contains("client.rack = zone-7"),
                        "the Kafka client logged its configuration, with the passed-through property");

                produce(
                        kafka,
                        "{broken",
                        "{\"tenant\":\"acme\",\"resource_type\":\"eco\",\"resource_id\":\"ECO-7\","
                                + "\"action\":\"approved\",\"user_id\":\"u9\",\"user\":\"Ann\",\"data\":{\"rev\":\"B\"}}");
                String message = bus.poll(60, TimeUnit.SECONDS);
                assertNotNull(message, "the Kafka record reached the Redis event bus");
                assertTrue(
                        message.contains("\"tenant\":\"acme\"") && message.contains("\"action\":\"approved\""),
                        message);
                assertTrue(node.log().contains("dead-lettering resource event record"), "the bad record was logged");

                kafka.kill();
                Reply down = api.get("health/ready", null);
                assertEquals(503, down.status(), "not ready while the broker is down: " + down);
                kafka.restart();
                assertEquals("UP", kafkaCheck(api).getString("status"), "ready again once the broker is back");
            } finally {
                subscriber.interrupt();
            }
        }
    }

    private static JsonObject kafkaCheck(ApiClient api) {
        Reply ready = api.get("health/ready", null);
        return ready.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("kafka"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no kafka check in " + ready));
    }

    private static void produce(KafkaTestBroker kafka, String... values) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(KafkaClients.producer(kafka.bootstrapServers(), "dist-it"))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>("presence.resource-events", value))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Listens on the bus channel like another node would; returns once the subscription is confirmed. */
    private static Thread subscribe(JedisPooled jedis, BlockingQueue<String> messages) throws InterruptedException {
        BlockingQueue<Boolean> subscribed = new LinkedBlockingQueue<>();
        JedisPubSub pubSub = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.add(true);
            }

            @Override
            public void onMessage(String channel, String message) {
                messages.add(message);
            }
        };
        Thread thread = new Thread(
                () -> {
                    try {
                        jedis.subscribe(pubSub, "presence:events");
                    } catch (JedisConnectionException e) {
                        // the test's Redis stopped at the end: what arrived before is in messages
                    }
                },
                "it-bus-subscriber");
        thread.setDaemon(true);
        thread.start();
        assertNotNull(subscribed.poll(10, TimeUnit.SECONDS), "subscribed to presence:events");
        return thread;
    }
}
