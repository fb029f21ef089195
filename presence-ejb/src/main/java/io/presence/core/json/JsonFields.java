package io.presence.core.json;

import io.presence.core.errors.InvalidInputException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Typed reads of one field of a JSON object that name the field when its value is of the wrong type
 * (422 {@code invalid_field}): one set of rules for request bodies and WebSocket messages alike. A
 * missing field and an explicit {@code null} are the same.
 */
public final class JsonFields {

    private JsonFields() {}

    public static String requiredString(JsonObject json, String field) {
        return optionalString(json, field).orElseThrow(() -> new InvalidInputException(field, "is required"));
    }

    public static Optional<String> optionalString(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new InvalidInputException(field, "must be a string");
    }

    /** A boolean that must be present: 422 naming the field when missing or not {@code true}/{@code false}. */
    public static boolean requiredBoolean(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidInputException(field, "is required: true or false");
        }
        return optionalBoolean(json, field, false);
    }

    public static boolean optionalBoolean(JsonObject json, String field, boolean fallback) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidInputException(field, "must be true or false");
    }
}
