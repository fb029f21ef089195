package io.presence.core.records;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.MalformedRequestException;
import io.presence.core.events.ResourceEventReader;
import io.presence.core.json.JsonFields;
import io.presence.core.presence.Inputs;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates a lifecycle event, the same way for Kafka records and REST bodies (docs/protocol.md,
 * "Record lifecycle"):
 * {@code {"event_id","tenant","resource_type" | "entity","resource_id" | "id","busy_by" | "user_id","phase"}}.
 * {@code entity} is seed 002's name of the type ({@code Order}), resolved through the plugins' aliases;
 * {@code phase} ({@code MUTATING} or {@code MUTATED}, any case) may be left out where the topic says it.
 * Failures are {@link io.presence.core.errors.PresenceException}s with the status the REST API answers.
 */
public final class LifecycleEventReader {

    private final Function<String, ResourceType> types;

    /** @param types the type a client names (by name or alias); throws 404 for an unknown one */
    public LifecycleEventReader(Function<String, ResourceType> types) {
        this.types = types;
    }

    /**
     * An event of {@code tenant} (the publisher's over REST; null to take it from the JSON, as Kafka
     * records carry it), in {@code phase} (null to take it from the JSON).
     */
    public LifecycleEvent read(String tenant, LifecycleEvent.Phase phase, JsonObject json) {
        String typeName = first(json, "resource_type", "entity")
                .orElseThrow(() -> new InvalidInputException("resource_type", "is required"));
        ResourceType type = types.apply(typeName);
        String id = Inputs.resourceId(first(json, "resource_id", "id").orElse(null));
        if (!type.acceptsId(id)) {
            throw new InvalidInputException("resource_id", "is not a valid " + type.name() + " id");
        }
        String owner = tenant != null
                ? tenant
                : Inputs.tenant(first(json, "tenant", "tenantId").orElse(null));
        String busyBy = first(json, "busy_by", "user_id", "userId")
                .map(Inputs::displayName)
                .orElse(null);
        return new LifecycleEvent(
                Inputs.eventId(first(json, "event_id", "eventId").orElse(null)),
                phase != null ? phase : phase(json),
                new ResourceRef(owner, type.name(), id),
                busyBy == null || busyBy.isEmpty() ? null : busyBy);
    }

    /** An event from a Kafka record value of a topic that carries {@code phase}. */
    public LifecycleEvent readRecord(String value, LifecycleEvent.Phase phase) {
        if (value == null || value.length() > ResourceEventReader.MAX_BYTES) {
            throw new MalformedRequestException("a lifecycle event must be a JSON object of at most "
                    + ResourceEventReader.MAX_BYTES + " characters");
        }
        return read(null, phase, ResourceEventReader.parseObject(value));
    }

    private static LifecycleEvent.Phase phase(JsonObject json) {
        String phase =
                first(json, "phase", "type").orElseThrow(() -> new InvalidInputException("phase", "is required"));
        return switch (phase.toUpperCase(Locale.ROOT)) {
            case "MUTATING" -> LifecycleEvent.Phase.MUTATING;
            case "MUTATED" -> LifecycleEvent.Phase.MUTATED;
            default -> throw new InvalidInputException("phase", "must be 'MUTATING' or 'MUTATED'");
        };
    }

    /** The first of the named members that is present, as a string; integers are accepted as ids. */
    private static Optional<String> first(JsonObject json, String... names) {
        for (String name : names) {
            JsonValue value = json.get(name);
            if (value instanceof JsonNumber number && number.isIntegral()) {
                return Optional.of(number.bigIntegerValue().toString());
            }
            Optional<String> text = JsonFields.optionalString(json, name);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }
}
