package io.presence.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.PresenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one set of rules for resource events, whether they come over REST or Kafka. */
class ResourceEventReaderTest {

    private static final ResourceType WORK_ORDER =
            ResourceType.of("work_order", "WO-[0-9]{1,6}", "created", "updated", "deleted", "kitted");
    private static final Instant NOW = Instant.parse("2026-02-19T13:30:00Z");

    private final ResourceEventReader reader = new ResourceEventReader(
            name -> Optional.of(WORK_ORDER).filter(type -> type.name().equals(name)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSeedStyleEventIsReadWithNumericUserIdAndData() {
        ResourceEvent event = reader.read(
                "acme",
                ResourceEventReader.parseObject(
                        "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1234\",\"action\":\"updated\","
                                + "\"user_id\":5,\"user\":\"jsmith\",\"data\":{\"qty\":3,\"tags\":[\"a\",true,null],\"x\":1.5}}"));
        assertEquals(new ResourceRef("acme", "work_order", "WO-1234"), event.ref());
        assertEquals("work_order_updated", event.eventType());
        assertEquals("5", event.userId());
        assertEquals("jsmith", event.user());
        assertEquals(3L, event.data().get("qty"));
        assertEquals(java.util.Arrays.asList("a", true, null), event.data().get("tags"));
        assertEquals(NOW, event.at());
    }

    @Test
    void whoDidItIsOptional() {
        ResourceEvent event =
                reader.read("acme", ResourceEventReader.parseObject(json("work_order", "WO-1", "created", "")));
        assertNull(event.userId());
        assertEquals(Map.of(), event.data());
    }

    @Test
    void aVerbIsReadAsTheDeclaredPastTense() {
        for (String[] pair : new String[][] {{"update", "updated"}, {"create", "created"}, {"delete", "deleted"}}) {
            ResourceEvent event =
                    reader.read("acme", ResourceEventReader.parseObject(json("work_order", "WO-1", pair[0], "")));
            assertEquals(pair[1], event.action(), pair[0]);
            assertEquals("work_order_" + pair[1], event.eventType());
        }
        assertRefused(422, "unknown_action", json("work_order", "WO-1", "approve", ""));
        assertRefused(422, "unknown_action", json("work_order", "WO-1", "kit", ""));
    }

    @Test
    void eachBrokenRuleAnswersWithItsStatusAndCode() {
        assertRefused(404, "unknown_resource_type", json("inventory", "WO-1", "created", ""));
        assertRefused(422, "unknown_action", json("work_order", "WO-1", "exploded", ""));
        assertRefused(422, "invalid_field", json("work_order", "WO:1", "created", ""));
        assertRefused(422, "invalid_field", json("work_order", "PO-1", "created", ""));
        assertRefused(422, "invalid_field", json("work_order", "WO-1", "created", ",\"data\":[1,2]"));
        assertRefused(422, "invalid_field", json("work_order", "WO-1", "created", ",\"data\":\"text\""));
        assertRefused(422, "invalid_field", json("work_order", "WO-1", "created", ",\"user_id\":1.5"));
        assertRefused(422, "invalid_field", json("work_order", "WO-1", "created", ",\"user\":7"));
        assertRefused(422, "invalid_field", "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\"}");
    }

    @Test
    void aKafkaRecordCarriesItsTenantAndIsRefusedWithoutOne() {
        String record = "{\"tenant\":\"globex\","
                + json("work_order", "WO-9", "kitted", "").substring(1);
        assertEquals("globex", reader.readRecord(record).ref().tenant());
        assertThrows(PresenceException.class, () -> reader.readRecord(json("work_order", "WO-9", "kitted", "")));
        assertThrows(PresenceException.class, () -> reader.readRecord(record.replace("globex", "a:b")));
    }

    @Test
    void malformedRecordsAreRefusedNotCrashedOn() {
        for (String bad : List.of("", "not json", "[1,2]", "\"text\"", "{\"tenant\":", "x".repeat(70_000))) {
            assertThrows(PresenceException.class, () -> reader.readRecord(bad), bad);
        }
        assertThrows(PresenceException.class, () -> reader.readRecord(null));
    }

    @Test
    void theBusFormatRoundTripsAnEvent() {
        ResourceEvent event = reader.read(
                "acme",
                ResourceEventReader.parseObject(json(
                        "work_order",
                        "WO-7",
                        "updated",
                        ",\"user_id\":\"u-1\",\"user\":\"Ann\",\"data\":{\"a\":{\"b\":[1,2]}}")));
        assertEquals(event, ResourceEventCodec.decode(ResourceEventCodec.encode(event)));
    }

    private void assertRefused(int status, String code, String json) {
        PresenceException e = assertThrows(
                PresenceException.class, () -> reader.read("acme", ResourceEventReader.parseObject(json)), json);
        assertEquals(status, e.status(), json + ": " + e.getMessage());
        assertEquals(code, e.code(), json + ": " + e.getMessage());
    }

    private static String json(String type, String id, String action, String more) {
        return "{\"resource_type\":\"" + type + "\",\"resource_id\":\"" + id + "\",\"action\":\"" + action + "\"" + more
                + "}";
    }
}
