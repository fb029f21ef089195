package io.presence.web.openapi;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of an OpenAPI 3.0 document, for the constructs the Presence
 * document uses: {@code $ref}, {@code allOf} (merged), {@code oneOf}, {@code type}, {@code nullable},
 * {@code enum}, {@code pattern}, {@code format: date-time}, {@code required}, {@code properties} and
 * {@code items}. Stricter than the standard in one way, to catch drift between code and document: a
 * property the schema does not list is a problem unless the schema allows {@code additionalProperties}.
 */
final class SchemaCheck {

    private final JsonObject document;

    SchemaCheck(JsonObject document) {
        this.document = document;
    }

    /** What is wrong with {@code value} under {@code schema}; empty when it conforms. */
    List<String> problems(JsonObject schema, JsonValue value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    /** The object a {@code $ref} (or a chain of them) points to; the object itself when it is none. */
    JsonObject resolve(JsonObject node) {
        while (node.containsKey("$ref")) {
            String ref = node.getString("$ref");
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            JsonValue target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.asJsonObject().get(part);
                if (target == null) {
                    throw new IllegalArgumentException("dangling reference " + ref);
                }
            }
            node = target.asJsonObject();
        }
        return node;
    }

    private void check(JsonObject schema, JsonValue value, String at, List<String> problems) {
        schema = merged(schema);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (!schema.getBoolean("nullable", false)) {
                problems.add(at + " is null but not nullable");
            }
            return;
        }
        if (schema.containsKey("oneOf")) {
            long matches = schema.getJsonArray("oneOf").stream()
                    .filter(branch -> problems(branch.asJsonObject(), value).isEmpty())
                    .count();
            if (matches != 1) {
                problems.add(at + " matches " + matches + " branches of oneOf instead of one: " + value);
            }
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            problems.add(at + " is " + value + ", not one of " + schema.getJsonArray("enum"));
        }
        String type = schema.getString("type", null);
        if (type != null && !hasType(value, type)) {
            problems.add(at + " should be " + type + " but is " + value);
            return;
        }
        switch (value.getValueType()) {
            case STRING -> checkString(schema, ((JsonString) value).getString(), at, problems);
            case ARRAY -> checkItems(schema, value.asJsonArray(), at, problems);
            case OBJECT -> checkObject(schema, value.asJsonObject(), at, problems);
            default -> {}
        }
    }

    private static boolean hasType(JsonValue value, String type) {
        return switch (type) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case "integer" -> value instanceof JsonNumber number && number.isIntegral();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static void checkString(JsonObject schema, String value, String at, List<String> problems) {
        String pattern = schema.getString("pattern", null);
        if (pattern != null && !Pattern.compile(pattern).matcher(value).find()) {
            problems.add(at + " '" + value + "' does not match " + pattern);
        }
        if ("date-time".equals(schema.getString("format", null))) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(at + " '" + value + "' is not a date-time");
            }
        }
    }

    private void checkItems(JsonObject schema, JsonArray array, String at, List<String> problems) {
        if (schema.containsKey("items")) {
            for (int i = 0; i < array.size(); i++) {
                check(schema.getJsonObject("items"), array.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    private void checkObject(JsonObject schema, JsonObject object, String at, List<String> problems) {
        JsonObject properties = schema.getJsonObject("properties");
        if (schema.containsKey("required")) {
            schema.getJsonArray("required").getValuesAs(JsonString::getString).stream()
                    .filter(name -> !object.containsKey(name))
                    .forEach(name -> problems.add(at + " lacks required property " + name));
        }
        if (properties == null) {
            return;
        }
        boolean open =
                schema.containsKey("additionalProperties") && schema.get("additionalProperties") != JsonValue.FALSE;
        object.forEach((name, member) -> {
            if (properties.containsKey(name)) {
                check(properties.getJsonObject(name), member, at + "." + name, problems);
            } else if (!open) {
                problems.add(at + " has undocumented property " + name);
            }
        });
    }

    /**
     * The schema with its references resolved and its {@code allOf} branches folded into one: their
     * properties and required lists together (a later branch's property wins), other keywords from
     * whichever branch names them first, the schema's own keywords over all.
     */
    private JsonObject merged(JsonObject schema) {
        schema = resolve(schema);
        if (!schema.containsKey("allOf")) {
            return schema;
        }
        Map<String, JsonValue> keywords = new LinkedHashMap<>();
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        List<JsonValue> required = new ArrayList<>();
        for (JsonValue branch : schema.getJsonArray("allOf")) {
            JsonObject part = merged(branch.asJsonObject());
            part.forEach(keywords::putIfAbsent);
            if (part.containsKey("properties")) {
                properties.putAll(part.getJsonObject("properties"));
            }
            if (part.containsKey("required")) {
                required.addAll(part.getJsonArray("required"));
            }
        }
        schema.forEach(keywords::put);
        keywords.remove("allOf");
        JsonObjectBuilder result = Json.createObjectBuilder();
        keywords.forEach(result::add);
        if (!properties.isEmpty()) {
            JsonObjectBuilder members = Json.createObjectBuilder();
            properties.forEach(members::add);
            result.add("properties", members);
        }
        if (!required.isEmpty()) {
            result.add("required", Json.createArrayBuilder(required));
        }
        return result.build();
    }
}
