package io.presence.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final String KEY = "presence.kafka.lifecycle-retry-delays-ms";

    @Test
    void retryDelaysAreCommaSeparatedMillisecondsOrNone() {
        assertEquals(
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9)),
                KafkaSettings.retryDelays(KEY, "1000,3000,9000"));
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(250)), KafkaSettings.retryDelays(KEY, " 0 , 250"));
        assertEquals(List.of(), KafkaSettings.retryDelays(KEY, "none"));
    }

    @Test
    void invalidRetryDelaysAreRefusedWithTheKey() {
        for (String invalid : List.of("1s,3s", "1000,-1", "1000,,9000")) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> KafkaSettings.retryDelays(KEY, invalid));
            assertEquals(
                    KEY + " must be comma-separated milliseconds of 0 or more (or 'none'), not '" + invalid + "'",
                    refused.getMessage());
        }
    }

    @Test
    void clientPropertiesComeFromSettingsAndEnvironmentVariables() {
        assertEquals("sasl.jaas.config", KafkaSettings.clientPropertyName("presence.kafka.client.sasl.jaas.config"));
        assertEquals("sasl.jaas.config", KafkaSettings.clientPropertyName("PRESENCE_KAFKA_CLIENT_SASL_JAAS_CONFIG"));
        assertEquals(
                "ssl.truststore.location",
                KafkaSettings.clientPropertyName("PRESENCE_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION"));
    }

    @Test
    void otherSettingsAreNotClientProperties() {
        assertNull(KafkaSettings.clientPropertyName("presence.kafka.bootstrap-servers"));
        assertNull(KafkaSettings.clientPropertyName("PRESENCE_KAFKA_GROUP_ID"));
        assertNull(KafkaSettings.clientPropertyName("presence.kafka.client."));
    }
}
