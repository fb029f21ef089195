package io.presence.web.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    private final JsonLogFormatter formatter = new JsonLogFormatter("node-7");

    private static JsonObject parse(String line) {
        assertTrue(line.endsWith(System.lineSeparator()), "one record, one line");
        String body = line.substring(0, line.length() - System.lineSeparator().length());
        assertFalse(body.contains("\n"), "no line break inside a record");
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void aRecordIsOneLineOfJsonWithTheNodeIdAndTheMessageFilledIn() {
        LogRecord record = new LogRecord(Level.WARNING, "tab {0} of {1}\nleft");
        record.setParameters(new Object[] {"t1", "alice"});
        record.setLoggerName("io.presence.test");
        JsonObject json = parse(formatter.format(record));
        assertEquals("WARNING", json.getString("level"));
        assertEquals("io.presence.test", json.getString("logger"));
        assertEquals("tab t1 of alice\nleft", json.getString("message"));
        assertEquals("node-7", json.getString("node_id"));
        assertFalse(json.containsKey("request_id"), "outside a request");
        assertTrue(json.getString("timestamp").endsWith("Z"));
    }

    @Test
    void aRecordLoggedDuringARequestCarriesItsIdAndItsException() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("broken"));
        RequestIds.set("req-42");
        try {
            JsonObject json = parse(formatter.format(record));
            assertEquals("req-42", json.getString("request_id"));
            assertTrue(json.getString("exception").startsWith("java.lang.IllegalStateException: broken"));
        } finally {
            RequestIds.clear();
        }
    }

    @Test
    void aClientsRequestIdIsKeptOnlyWhenItIsShortAndPlain() {
        assertEquals("abc-1.2_3:4", RequestIds.of("abc-1.2_3:4"));
        assertNotEquals("with space", RequestIds.of("with space"));
        assertEquals(36, RequestIds.of(null).length());
        assertEquals(36, RequestIds.of("x".repeat(129)).length());
        assertNotEquals("line\nbreak", RequestIds.of("line\nbreak"));
    }
}
