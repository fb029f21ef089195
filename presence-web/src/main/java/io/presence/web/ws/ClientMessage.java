package io.presence.web.ws;

import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.PresenceException;
import io.presence.core.json.JsonFields;
import io.presence.core.json.JsonSupport;
import io.presence.core.json.WellFormedText;
import io.presence.core.presence.HeartbeatCommand;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message from a client, parsed with JSON-P. Accessors throw the same {@link PresenceException}s
 * as REST validation, which {@link WsProtocol} turns into {@code error} messages.
 *
 * @param type the message type, e.g. {@code subscribe}
 * @param ref the client's correlation value (string or number), echoed in the reply; null when absent or
 *     of another kind
 * @param body the whole message
 */
record ClientMessage(String type, JsonValue ref, JsonObject body) {

    static ClientMessage parse(String text) {
        JsonValue value;
        try {
            value = JsonSupport.readValue(text);
        } catch (JsonException e) {
            throw malformed("the message is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("a message must be a JSON object");
        }
        JsonObject body = value.asJsonObject();
        JsonValue ref = body.get("ref");
        if (ref != null
                && !(ref.getValueType() == JsonValue.ValueType.NUMBER
                        || ref instanceof JsonString s && WellFormedText.isText(s.getString()))) {
            ref = null;
        }
        JsonValue type = body.get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw new PresenceException(
                    422, "invalid_field", "type: is required and must be a string", Map.of("field", "type"));
        }
        return new ClientMessage(body.getString("type"), ref, body);
    }

    /** The {@code ref} of a message that is not handled, to echo in its {@code error}; null if it has none. */
    static JsonValue refOf(String text) {
        try {
            return parse(text).ref();
        } catch (PresenceException e) {
            return null;
        }
    }

    private static PresenceException malformed(String message) {
        return new PresenceException(400, "malformed_message", message);
    }

    /** Refuses a message with a string that is not text, naming the field (422 {@code invalid_field}). */
    void requireText() {
        WellFormedText.require(body);
    }

    String requiredString(String field) {
        return JsonFields.requiredString(body, field);
    }

    Optional<String> optionalString(String field) {
        return JsonFields.optionalString(body, field);
    }

    /** A yes/no member: absent is no; anything but {@code true} or {@code false} is an {@code invalid_field}. */
    boolean flag(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw new InvalidInputException(field, "must be true or false");
    }

    /** A required boolean member; 422 naming the field when absent or not a boolean. */
    boolean requiredBoolean(String field) {
        return JsonFields.requiredBoolean(body, field);
    }

    /** An array of strings; null when absent. 422 naming the field for anything else. */
    List<String> optionalStrings(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonArray array) {
            List<String> strings = new ArrayList<>(array.size());
            for (JsonValue item : array) {
                if (!(item instanceof JsonString string)) {
                    throw new InvalidInputException(field, "must be an array of strings");
                }
                strings.add(string.getString());
            }
            return strings;
        }
        throw new InvalidInputException(field, "must be an array of strings");
    }

    /** The tab fields of a {@code presence} message; without a {@code tab_id} the connection is the tab. */
    HeartbeatCommand heartbeatCommand(String connectionTabId) {
        return HeartbeatCommand.fromJson(body, connectionTabId);
    }
}
