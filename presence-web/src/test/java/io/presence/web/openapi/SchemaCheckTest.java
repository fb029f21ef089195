package io.presence.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker that OpenApiDocumentIT holds real answers to finds what it must, and nothing more. */
class SchemaCheckTest {

    private static final SchemaCheck CHECK = new SchemaCheck(
            json(
                    """
            {"components": {"schemas": {
              "Success": {"type": "object", "required": ["success", "data"],
                          "properties": {"success": {"type": "boolean", "enum": [true]}, "data": {}}},
              "Viewer": {"type": "object", "required": ["id", "tabs"],
                         "properties": {"id": {"type": "string"}, "tabs": {"type": "integer"},
                                        "seen": {"allOf": [{"$ref": "#/components/schemas/Instant"}], "nullable": true},
                                        "details": {"type": "object", "additionalProperties": true,
                                                    "properties": {"field": {"type": "string"}}}}},
              "Instant": {"type": "string", "format": "date-time"},
              "Id": {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": "^[a-z]+$"}]}
            }}}"""));

    private static final JsonObject VIEWER_ENVELOPE = json(
            """
            {"allOf": [{"$ref": "#/components/schemas/Success"},
                       {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Viewer"}}}]}""");

    private static final JsonObject ID = json("{\"$ref\": \"#/components/schemas/Id\"}");

    @Test
    void envelopeWithItsDocumentedDataConforms() {
        assertEquals(
                List.of(),
                CHECK.problems(
                        VIEWER_ENVELOPE,
                        json("{\"success\": true, \"data\": {\"id\": \"u1\", \"tabs\": 2, \"seen\": null,"
                                + " \"details\": {\"field\": \"mode\", \"more\": 1}}}")));
    }

    @Test
    void propertyTheDocumentDoesNotListIsReported() {
        assertEquals(
                List.of("$.data has undocumented property extra"),
                CHECK.problems(
                        VIEWER_ENVELOPE,
                        json("{\"success\": true, \"data\": {\"id\": \"u1\", \"tabs\": 2, \"extra\": 1}}")));
    }

    @Test
    void missingRequiredPropertyAndWrongTypesAreReported() {
        assertEquals(
                List.of("$.data lacks required property id", "$.data.tabs should be integer but is \"2\""),
                CHECK.problems(VIEWER_ENVELOPE, json("{\"success\": true, \"data\": {\"tabs\": \"2\"}}")));
    }

    @Test
    void enumNullAndDateTimeAreChecked() {
        assertEquals(
                List.of(
                        "$.success is false, not one of [true]",
                        "$.data.id is null but not nullable",
                        "$.data.seen 'yesterday' is not a date-time"),
                CHECK.problems(
                        VIEWER_ENVELOPE,
                        json("{\"success\": false, \"data\": {\"id\": null, \"tabs\": 1, \"seen\": \"yesterday\"}}")));
    }

    @Test
    void oneOfAcceptsAValueOfExactlyOneBranch() {
        assertEquals(List.of(), CHECK.problems(ID, Json.createValue(42)));
        assertEquals(List.of(), CHECK.problems(ID, Json.createValue("abc")));
        assertEquals(
                List.of("$ matches 0 branches of oneOf instead of one: \"ABC\""),
                CHECK.problems(ID, Json.createValue("ABC")));
        assertEquals(List.of("$ matches 0 branches of oneOf instead of one: true"), CHECK.problems(ID, JsonValue.TRUE));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
