package io.presence.web.ws;

import io.presence.core.errors.PresenceException;
import io.presence.core.json.JsonFields;
import io.presence.core.json.JsonSupport;
import io.presence.core.presence.HeartbeatCommand;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * One message from a client, parsed with JSON-P. Accessors throw the same {@link PresenceException}s
 * as REST validation, which {@link WsProtocol} turns into {@code error} messages.
 *
 * @param type the message type, e.g. {@code subscribe}
 * @param ref the client's correlation value (string or number), echoed in the reply; may be null
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
                && ref.getValueType() != JsonValue.ValueType.STRING
                && ref.getValueType() != JsonValue.ValueType.NUMBER) {
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

    String requiredString(String field) {
        return JsonFields.requiredString(body, field);
    }

    Optional<String> optionalString(String field) {
        return JsonFields.optionalString(body, field);
    }

    /** The tab fields of a {@code presence} message; without a {@code tab_id} the connection is the tab. */
    HeartbeatCommand heartbeatCommand(String connectionTabId) {
        return HeartbeatCommand.fromJson(body, connectionTabId);
    }
}
