package io.presence.core.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.NotFoundException;
import io.presence.core.events.ResourceEventReader;
import org.junit.jupiter.api.Test;

/** What the producer writes is what the consumer (and REST) reads back. */
class LifecycleEventWriterTest {

    private static final ResourceType ORDER = ResourceType.of("order", "[0-9]{1,9}", "updated");
    private static final LifecycleEventReader READER = new LifecycleEventReader(name -> {
        if (name.equals("order")) {
            return ORDER;
        }
        throw NotFoundException.unknownResourceType(name);
    });

    @Test
    void aWrittenEventReadsBackAsTheSameEventWithItsTenant() {
        LifecycleEvent event = new LifecycleEvent(
                "e-41", LifecycleEvent.Phase.MUTATING, new ResourceRef("acme", "order", "123"), "invoice-batch");
        String json = LifecycleEventWriter.write(event);
        assertEquals(
                "{\"event_id\":\"e-41\",\"phase\":\"MUTATING\",\"tenant\":\"acme\",\"resource_type\":\"order\","
                        + "\"resource_id\":\"123\",\"busy_by\":\"invoice-batch\"}",
                json);
        assertEquals(event, READER.readRecord(json, LifecycleEvent.Phase.MUTATING));
        assertEquals(event, READER.read(null, null, ResourceEventReader.parseObject(json)));
    }

    @Test
    void anEventWithoutABusyUserLeavesBusyByOut() {
        LifecycleEvent event =
                new LifecycleEvent("e-42", LifecycleEvent.Phase.MUTATED, new ResourceRef("acme", "order", "7"), null);
        String json = LifecycleEventWriter.write(event);
        assertEquals(
                "{\"event_id\":\"e-42\",\"phase\":\"MUTATED\",\"tenant\":\"acme\",\"resource_type\":\"order\","
                        + "\"resource_id\":\"7\"}",
                json);
        assertEquals(event, READER.readRecord(json, LifecycleEvent.Phase.MUTATED));
    }
}
