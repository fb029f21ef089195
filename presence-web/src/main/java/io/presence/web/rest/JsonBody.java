package io.presence.web.rest;

import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.MalformedRequestException;
import io.presence.core.json.JsonFields;
import io.presence.core.json.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request body read as a JSON object, with typed accessors that name the offending field when a
 * value is missing or of the wrong type (422); a body that is not a JSON object at all is a 400.
 */
public final class JsonBody {

    /** Bodies larger than this are refused before parsing. */
    static final int MAX_BYTES = 64 * 1024;

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /**
     * Reads and parses a request body from its stream. Jersey's own {@code String} entity reads through
     * a fresh 8 KB buffer per request; a heartbeat's body is under 200 bytes, so this reads into a
     * buffer that starts small and grows only for a larger body, up to {@link #MAX_BYTES}.
     */
    public static JsonBody parse(InputStream body) {
        byte[] bytes = new byte[256];
        int length = 0;
        try {
            int read;
            while ((read = body.read(bytes, length, bytes.length - length)) >= 0) {
                length += read;
                if (length > MAX_BYTES) {
                    throw new InvalidInputException("body", "must be at most " + MAX_BYTES + " bytes");
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, MAX_BYTES + 1));
                }
            }
        } catch (IOException e) {
            throw new MalformedRequestException("the request body could not be read");
        }
        return parse(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    public static JsonBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequestException("the request body must be a JSON object");
        }
        if (body.length() > MAX_BYTES) {
            throw new InvalidInputException("body", "must be at most " + MAX_BYTES + " bytes");
        }
        JsonValue value;
        try {
            value = JsonSupport.readValue(body);
        } catch (JsonException e) {
            throw new MalformedRequestException("the request body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedRequestException("the request body must be a JSON object");
        }
        return new JsonBody(value.asJsonObject());
    }

    public JsonObject json() {
        return json;
    }

    public String requiredString(String field) {
        return JsonFields.requiredString(json, field);
    }

    public Optional<String> optionalString(String field) {
        return JsonFields.optionalString(json, field);
    }

    public boolean requiredBoolean(String field) {
        return JsonFields.requiredBoolean(json, field);
    }

    public boolean optionalBoolean(String field, boolean fallback) {
        return JsonFields.optionalBoolean(json, field, fallback);
    }

    /** A string or an array of strings, as a list; empty when absent. */
    public List<String> stringOrArray(String field) {
        JsonValue value = json.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return result;
        }
        if (value instanceof JsonString s) {
            result.add(s.getString());
            return result;
        }
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new InvalidInputException(field, "must contain only strings");
                }
                result.add(s.getString());
            }
            return result;
        }
        throw new InvalidInputException(field, "must be a string or an array of strings");
    }
}
