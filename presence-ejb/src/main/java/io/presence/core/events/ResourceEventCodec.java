package io.presence.core.events;

import io.presence.api.model.ResourceRef;
import io.presence.core.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * The JSON form of a validated {@link ResourceEvent} between nodes (Redis pub/sub):
 * <pre>
 * {"tenant":"acme","resource_type":"work_order","resource_id":"WO-1","action":"updated",
 *  "user_id":"5","user":"jsmith","data":{…},"at":"2026-02-19T13:30:00Z"}
 * </pre>
 * The same field names as the submission, so that operators reading the channel need no key.
 */
public final class ResourceEventCodec {

    private ResourceEventCodec() {}

    public static String encode(ResourceEvent event) {
        JsonObjectBuilder json = JsonSupport.PROVIDER
                .createObjectBuilder()
                .add("tenant", event.ref().tenant())
                .add("resource_type", event.ref().type())
                .add("resource_id", event.ref().id())
                .add("action", event.action());
        if (event.userId() != null) {
            json.add("user_id", event.userId());
        }
        if (event.user() != null) {
            json.add("user", event.user());
        }
        return json.add("data", JsonValues.toJson(event.data()))
                .add("at", event.at().toString())
                .build()
                .toString();
    }

    /** Decodes what {@link #encode} wrote; throws on anything else. */
    public static ResourceEvent decode(String message) {
        JsonObject json = ResourceEventReader.parseObject(message);
        ResourceRef ref = new ResourceRef(
                json.getString("tenant"), json.getString("resource_type"), json.getString("resource_id"));
        return new ResourceEvent(
                ref,
                json.getString("action"),
                json.getString("user_id", null),
                json.getString("user", null),
                JsonValues.toMap(json.getJsonObject("data")),
                Instant.parse(json.getString("at")));
    }
}
