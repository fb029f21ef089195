package io.presence.core.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** The JSON-P provider, found once, and the parsing shortcuts built on it. */
public final class JsonSupport {

    /** Use instead of {@code jakarta.json.Json}: same factory methods, no lookup per call. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonSupport() {}

    /** Parses any JSON value; throws {@link jakarta.json.JsonException} on malformed input. */
    public static JsonValue readValue(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** Parses a JSON object; throws {@link jakarta.json.JsonException} or {@link ClassCastException} otherwise. */
    public static JsonObject readObject(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
