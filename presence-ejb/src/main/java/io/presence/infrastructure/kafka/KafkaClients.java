package io.presence.infrastructure.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client settings Presence uses with Kafka, in one place. Time-outs are short so that an outage
 * is noticed within seconds and never holds a request thread; reconnects back off up to 2 s.
 *
 * <p>An operator's client properties ({@code presence.kafka.client.*}: SASL, SSL, time-outs, …) go over
 * these defaults, except the few that Presence's own guarantees rest on: the brokers, the group, the
 * serialization, and committing only after the effect.
 */
public final class KafkaClients {

    private KafkaClients() {}

    /** A consumer of string records that commits only explicitly and starts new groups at the beginning. */
    public static Properties consumer(String bootstrapServers, String groupId, String clientId) {
        return consumer(bootstrapServers, Map.of(), groupId, clientId);
    }

    /** {@link #consumer(String, String, String)} with the operator's client properties. */
    public static Properties consumer(
            String bootstrapServers, Map<String, String> clientProperties, String groupId, String clientId) {
        Properties props = common(clientId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** A producer that waits for all in-sync replicas and gives up after 10 s. */
    public static Properties producer(String bootstrapServers, String clientId) {
        return producer(bootstrapServers, Map.of(), clientId);
    }

    /** {@link #producer(String, String)} with the operator's client properties. */
    public static Properties producer(String bootstrapServers, Map<String, String> clientProperties, String clientId) {
        Properties props = common(clientId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Acknowledged means stored by every in-sync replica: nothing accepted is lost.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** An admin client for health probes: answers or fails within 3 s. */
    public static Properties admin(String bootstrapServers, String clientId) {
        return admin(bootstrapServers, Map.of(), clientId);
    }

    /** {@link #admin(String, String)} with the operator's client properties (the probe keeps its time-outs). */
    public static Properties admin(String bootstrapServers, Map<String, String> clientProperties, String clientId) {
        Properties props = common(clientId);
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        return props;
    }

    private static Properties common(String clientId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return props;
    }
}
