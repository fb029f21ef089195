package io.presence.infrastructure.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final Map<String, String> OPERATOR = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "request.timeout.ms", "15000",
            "bootstrap.servers", "elsewhere:9092",
            "enable.auto.commit", "true",
            "group.id", "other",
            "acks", "1",
            "value.serializer", "org.example.Other");

    @Test
    void operatorPropertiesGoOverTheDefaults() {
        Properties producer = KafkaClients.producer("k1:9092", OPERATOR, "p");
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals("15000", producer.get("request.timeout.ms"));
        assertEquals("5000", producer.get("max.block.ms"), "a default nobody overrode");
        assertEquals("SASL_SSL", KafkaClients.admin("k1:9092", OPERATOR, "a").get("security.protocol"));
    }

    @Test
    void whatPresencesGuaranteesRestOnCannotBeOverridden() {
        Properties consumer = KafkaClients.consumer("k1:9092", OPERATOR, "presence", "c");
        assertEquals("k1:9092", consumer.get("bootstrap.servers"));
        assertEquals("false", consumer.get("enable.auto.commit"), "offsets are committed after the effect");
        assertEquals("presence", consumer.get("group.id"));
        Properties producer = KafkaClients.producer("k1:9092", OPERATOR, "p");
        assertEquals("all", producer.get("acks"), "nothing acknowledged is lost");
        assertEquals("org.apache.kafka.common.serialization.StringSerializer", producer.get("value.serializer"));
        assertEquals(
                "2000",
                KafkaClients.admin("k1:9092", OPERATOR, "a").get("request.timeout.ms"),
                "the readiness probe keeps its short time-out");
    }
}
