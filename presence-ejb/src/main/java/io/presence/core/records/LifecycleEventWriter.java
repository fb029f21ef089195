package io.presence.core.records;

import io.presence.core.json.JsonSupport;
import jakarta.json.JsonObjectBuilder;

/**
 * Writes a lifecycle event as the JSON that {@link LifecycleEventReader} reads (docs/protocol.md,
 * "Record lifecycle"), with the tenant, so that an event accepted over REST and produced to a topic
 * reads back as the same event:
 * <pre>
 * {"event_id":"e-41","phase":"MUTATING","tenant":"acme","resource_type":"order","resource_id":"123",
 *  "busy_by":"invoice-batch"}
 * </pre>
 * {@code busy_by} is left out when nobody is named.
 */
public final class LifecycleEventWriter {

    private LifecycleEventWriter() {}

    public static String write(LifecycleEvent event) {
        JsonObjectBuilder json = JsonSupport.PROVIDER
                .createObjectBuilder()
                .add("event_id", event.eventId())
                .add("phase", event.phase().name())
                .add("tenant", event.ref().tenant())
                .add("resource_type", event.ref().type())
                .add("resource_id", event.ref().id());
        if (event.busyBy() != null) {
            json.add("busy_by", event.busyBy());
        }
        return json.build().toString();
    }
}
