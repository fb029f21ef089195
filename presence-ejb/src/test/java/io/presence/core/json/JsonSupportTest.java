package io.presence.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JsonSupportTest {

    private enum Colour {
        RED
    }

    @Test
    void plainValuesAreWrittenInOrderAndReadBackTheSame() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("success", true);
        value.put("count", 42L);
        value.put("ratio", 0.5);
        value.put("exact", new BigDecimal("12.30"));
        value.put("name", "Zoë \"quoted\" \\ line\nbreak");
        value.put("groups", new TreeSet<>(List.of("b", "a")));
        value.put("list", Arrays.asList(1, "two", null, false));
        value.put("colour", Colour.RED);
        value.put("inner", inner);
        value.put("json", JsonSupport.readObject("{\"k\":[1,2]}"));

        String written = JsonSupport.write(value);

        assertEquals(
                "{\"success\":true,\"count\":42,\"ratio\":0.5,\"exact\":12.30,"
                        + "\"name\":\"Zoë \\\"quoted\\\" \\\\ line\\nbreak\",\"groups\":[\"a\",\"b\"],"
                        + "\"list\":[1,\"two\",null,false],\"colour\":\"RED\",\"inner\":{\"z\":1,\"a\":null},"
                        + "\"json\":{\"k\":[1,2]}}",
                written);
        JsonObject read = JsonSupport.readObject(written);
        assertEquals("Zoë \"quoted\" \\ line\nbreak", read.getString("name"));
    }

    @Test
    void onlyOneWholeValueIsReadAndEveryFailureIsAJsonException() {
        assertEquals(2, JsonSupport.readObject(" {\"a\":1,\"b\":[true]} \n").size());
        assertEquals(JsonValue.ValueType.NUMBER, JsonSupport.readValue("42").getValueType());
        String tooDeep = "[".repeat(5000) + "]".repeat(5000);
        for (String bad : new String[] {
            "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "[1] 2", "", "{\"a\":", "{\"a\":" + tooDeep + "}", tooDeep
        }) {
            assertThrows(JsonException.class, () -> JsonSupport.readValue(bad), bad.length() > 40 ? "nested" : bad);
        }
        assertThrows(JsonException.class, () -> JsonSupport.readObject("[1]"));
        assertThrows(JsonException.class, () -> JsonSupport.readObject("\"text\""));
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> JsonSupport.write(Map.of("at", Instant.EPOCH)));
        assertEquals("no JSON form for java.time.Instant", refused.getMessage());
    }
}
