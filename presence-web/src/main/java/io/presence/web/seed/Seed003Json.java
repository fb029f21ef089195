package io.presence.web.seed;

import io.presence.core.status.UserPresence;
import io.presence.core.status.UserStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Seed 003's JSON, as its iOS app decodes it: an id that is an integer is a JSON number (a Swift
 * {@code Int}), any other id a string; times are ISO 8601 to the second ({@code 2024-01-01T12:00:00Z}),
 * which Swift's {@code .iso8601} strategy reads where it would refuse fractions.
 */
final class Seed003Json {

    /** Integers that fit a signed 64-bit {@code Int}, written without sign tricks or leading zeros. */
    private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private Seed003Json() {}

    static Object id(String id) {
        return INTEGER.matcher(id).matches() ? (Object) Long.parseLong(id) : id;
    }

    static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code {"user_id", "status", "last_seen"}}: the answer to a status update, and pushes. */
    static Map<String, Object> status(UserStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", id(status.userId()));
        json.put("status", status.status().wireName());
        json.put("last_seen", time(status.lastSeen()));
        return json;
    }

    /** A user presence of the look-ups, with {@code is_typing} (typing in a conversation shared with the requester). */
    static Map<String, Object> presence(UserPresence user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", id(user.userId()));
        json.put("status", user.status().wireName());
        json.put("last_seen", time(user.lastSeen()));
        json.put("is_typing", user.typing());
        return json;
    }

    /** A presence of {@code initial_state}, without {@code is_typing} as the seed shows it. */
    static Map<String, Object> initial(UserPresence user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", id(user.userId()));
        json.put("status", user.status().wireName());
        json.put("last_seen", time(user.lastSeen()));
        return json;
    }

    /** {@code {"type": type, "data": data}}: every message of the seed's WebSocket. */
    static Map<String, Object> message(String type, Object data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("data", data);
        return json;
    }
}
