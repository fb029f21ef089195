package io.presence.core.events;

import io.presence.core.json.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON-P values and the plain Java values of {@link ResourceEvent#data()} (maps,
 * lists, strings, numbers, booleans, null), so that the event stays free of a JSON library and
 * survives a round trip through the bus unchanged.
 */
final class JsonValues {

    private JsonValues() {}

    static Map<String, Object> toMap(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> toMap(value.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(item -> list.add(toJava(item)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    static JsonObject toJson(Map<String, ?> map) {
        JsonObjectBuilder builder = JsonSupport.PROVIDER.createObjectBuilder();
        map.forEach((key, value) -> builder.add(key, toJson(value)));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Map<?, ?> map) {
            return toJson((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder array = JsonSupport.PROVIDER.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Number n) {
            return JsonSupport.PROVIDER.createValue(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
        }
        return JsonSupport.PROVIDER.createValue(value.toString());
    }

    private static Number number(JsonNumber number) {
        if (!number.isIntegral()) {
            return number.bigDecimalValue();
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooLarge) {
            return number.bigIntegerValue();
        }
    }
}
