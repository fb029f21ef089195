package io.presence.core.events;

import io.presence.api.model.ResourceRef;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a domain application did to a record, e.g. {@code work_order / WO-1234 / updated} by
 * user 5 "jsmith". The action has been validated against the type's plugin.
 *
 * @param data free-form JSON-compatible data the publisher attached (maps, lists, strings, numbers,
 *     booleans); never interpreted by Presence
 */
public record ResourceEvent(
        ResourceRef ref, String action, String userId, String user, Map<String, Object> data, Instant at) {

    public ResourceEvent {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        data = data == null ? Map.of() : data;
    }

    /** The event's name on the wire, {@code <type>_<action>}. */
    public String eventType() {
        return ref.type() + "_" + action;
    }
}
