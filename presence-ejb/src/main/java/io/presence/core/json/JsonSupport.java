package io.presence.core.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** The JSON-P provider, found once, and the parsing shortcuts built on it. */
public final class JsonSupport {

    /** Use instead of {@code jakarta.json.Json}: same factory methods, no lookup per call. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private static final JsonGeneratorFactory GENERATORS = PROVIDER.createGeneratorFactory(Map.of());

    private JsonSupport() {}

    /**
     * Writes plain Java values as JSON, streaming: maps (string keys, in iteration order), iterables,
     * strings, numbers, booleans, enums (by name), JSON-P values and null. Anything else is a
     * programming error and throws {@link IllegalArgumentException}.
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = GENERATORS.createGenerator(out)) {
            writeValue(generator, value);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator generator, Object value) {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            map.forEach((key, item) -> {
                generator.writeKey((String) key);
                writeValue(generator, item);
            });
            generator.writeEnd();
        } else if (value instanceof Iterable<?> items) {
            generator.writeStartArray();
            items.forEach(item -> writeValue(generator, item));
            generator.writeEnd();
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof String string) {
            generator.write(string);
        } else if (value instanceof Boolean bool) {
            generator.write(bool);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            generator.write(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            generator.write(decimal);
        } else if (value instanceof BigInteger integer) {
            generator.write(integer);
        } else if (value instanceof Double || value instanceof Float) {
            generator.write(((Number) value).doubleValue());
        } else if (value instanceof Enum<?> constant) {
            generator.write(constant.name());
        } else if (value instanceof JsonValue json) {
            generator.write(json);
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName());
        }
    }

    /**
     * Parses text that holds exactly one JSON value, with nothing but whitespace after it. Every way
     * the text can fail is a {@link JsonException}: malformed JSON, content after the value, and
     * nesting deeper than the parser allows (Parsson stops at 1 000 levels with a plain
     * {@code RuntimeException}), so that a caller maps one exception to its "not valid JSON" answer.
     */
    public static JsonValue readValue(String json) {
        try (JsonParser parser = PROVIDER.createParser(new StringReader(json))) {
            if (!parser.hasNext()) {
                throw new JsonParsingException("no JSON value", parser.getLocation());
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("content follows the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonException("the JSON text could not be parsed: " + e.getMessage(), e);
        }
    }

    /** {@link #readValue}, for text that must hold a JSON object; anything else is a {@link JsonException}. */
    public static JsonObject readObject(String json) {
        JsonValue value = readValue(json);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonException("the JSON value is not an object");
        }
        return value.asJsonObject();
    }
}
