package io.presence.core.events;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.MalformedRequestException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.errors.UnknownActionException;
import io.presence.core.json.JsonFields;
import io.presence.core.json.JsonSupport;
import io.presence.core.json.WellFormedText;
import io.presence.core.presence.Inputs;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates a resource event as domain applications submit it, over REST or Kafka:
 * {@code {"resource_type","resource_id","action","user_id","user","data"}} (Kafka records add
 * {@code "tenant"}). One reader for both sources, so that both accept exactly the same events.
 *
 * <p>Rules: the type must be defined by a plugin (404 {@code unknown_resource_type}); the id must be a
 * safe id that the type accepts (422); the action must be one the plugin declares (422
 * {@code unknown_action}); {@code user_id} is a string or an integer, {@code user} a string, both
 * optional; {@code data}, if present, must be a JSON object. Failures are
 * {@link io.presence.core.errors.PresenceException}s with the status the REST API answers.
 */
public final class ResourceEventReader {

    /** Kafka record values larger than this are refused unread, like REST bodies. */
    public static final int MAX_BYTES = 64 * 1024;

    private final Function<String, Optional<ResourceType>> types;
    private final Clock clock;

    /** @param types the resource type of a name, if a bound plugin defines it */
    public ResourceEventReader(Function<String, Optional<ResourceType>> types, Clock clock) {
        this.types = types;
        this.clock = clock;
    }

    /** An event of {@code tenant} (the publisher's, already authenticated) from a REST body. */
    public ResourceEvent read(String tenant, JsonObject json) {
        String typeName = JsonFields.optionalString(json, "resource_type").orElseThrow(() -> missing("resource_type"));
        ResourceType type = types.apply(typeName).orElseThrow(() -> NotFoundException.unknownResourceType(typeName));
        String id =
                Inputs.resourceId(JsonFields.optionalString(json, "resource_id").orElse(null));
        if (!type.acceptsId(id)) {
            throw new InvalidInputException("resource_id", "is not a valid " + typeName + " id");
        }
        String action =
                declaredAction(type, JsonFields.optionalString(json, "action").orElseThrow(() -> missing("action")));
        String userId = userId(json).map(Inputs::userId).orElse(null);
        String user =
                JsonFields.optionalString(json, "user").map(Inputs::displayName).orElse(null);
        return new ResourceEvent(
                new ResourceRef(tenant, typeName, id), action, userId, user, data(json), clock.instant());
    }

    /**
     * The declared action that {@code given} names: itself, or the past tense the type declares for a
     * verb ({@code update} → {@code updated}, {@code create} → {@code created}, {@code approve} →
     * {@code approved}, {@code implement} → {@code implemented}), the form publishers that name the
     * deed rather than the event send; 422 {@code unknown_action} when neither is declared.
     */
    static String declaredAction(ResourceType type, String given) {
        for (String candidate : new String[] {given, given + "d", given + "ed"}) {
            if (type.hasAction(candidate)) {
                return candidate;
            }
        }
        throw new UnknownActionException(type.name(), Inputs.printable(given), type.actions());
    }

    /** An event from a Kafka record value: the same JSON plus the {@code tenant} it belongs to. */
    public ResourceEvent readRecord(String value) {
        if (value == null || value.length() > MAX_BYTES) {
            throw new MalformedRequestException(
                    "a resource event must be a JSON object of at most " + MAX_BYTES + " characters");
        }
        JsonObject json = parseObject(value);
        String tenant = Inputs.tenant(JsonFields.optionalString(json, "tenant").orElse(null));
        return read(tenant, json);
    }

    /**
     * Parses a JSON object; 400 {@code malformed_request} for anything else, 422 {@code invalid_field}
     * for a string that is not text ({@link WellFormedText}).
     */
    public static JsonObject parseObject(String value) {
        JsonValue json;
        try {
            json = JsonSupport.readValue(value);
        } catch (JsonException e) {
            throw new MalformedRequestException("a resource event must be valid JSON");
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedRequestException("a resource event must be a JSON object");
        }
        WellFormedText.require(json);
        return json.asJsonObject();
    }

    /** Seed 004 sends numeric user ids ({@code "user_id": 5}); they become the string "5". */
    private static Optional<String> userId(JsonObject json) {
        JsonValue value = json.get("user_id");
        if (value instanceof JsonNumber n && n.isIntegral()) {
            return Optional.of(n.bigIntegerValue().toString());
        }
        if (value instanceof JsonNumber) {
            throw new InvalidInputException("user_id", "must be a string or an integer");
        }
        return JsonFields.optionalString(json, "user_id").filter(id -> !id.isEmpty());
    }

    private static Map<String, Object> data(JsonObject json) {
        JsonValue value = json.get("data");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException("data", "must be a JSON object");
        }
        return JsonValues.toMap(value.asJsonObject());
    }

    private static InvalidInputException missing(String field) {
        return new InvalidInputException(field, "is required");
    }
}
