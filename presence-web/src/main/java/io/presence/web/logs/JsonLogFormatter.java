package io.presence.web.logs;

import io.presence.core.json.JsonSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record as one line of JSON: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message} (parameters filled in), {@code node_id}, and when there is one the
 * {@code request_id} of the REST request being handled and the {@code exception} with its stack trace.
 * A message's line breaks are escaped, so a line is always a whole record.
 */
public final class JsonLogFormatter extends Formatter {

    private final String nodeId;

    public JsonLogFormatter(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public String format(LogRecord record) {
        try {
            return JsonSupport.write(fields(record)) + System.lineSeparator();
        } catch (RuntimeException e) {
            return JsonSupport.write(Map.of(
                            "level",
                            record.getLevel().getName(),
                            "node_id",
                            nodeId,
                            "message",
                            "a log record of " + record.getLoggerName() + " could not be formatted: " + e))
                    + System.lineSeparator();
        }
    }

    private Map<String, Object> fields(LogRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        json.put("level", record.getLevel().getName());
        json.put("logger", record.getLoggerName());
        json.put("thread", Thread.currentThread().getName());
        json.put("message", formatMessage(record));
        json.put("node_id", nodeId);
        String requestId = RequestIds.current();
        if (requestId != null) {
            json.put("request_id", requestId);
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.put("exception", trace.toString());
        }
        return json;
    }
}
