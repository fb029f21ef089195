package io.presence.core.presence;

import io.presence.core.errors.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The shapes of identifiers Presence accepts. They keep every value safe inside a Redis key, a hash
 * tag and the unit-separated tab encoding: no colon, brace, whitespace or control character.
 */
public final class Inputs {

    /** Record ids, tenants and tab ids: letters, digits and {@code . _ ~ -}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private static final Pattern TAB_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    /** Field names as forms use them, e.g. {@code lines[2].qty}. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9._\\[\\]-]{1,100}");

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");
    private static final int MAX_NAME = 200;

    private Inputs() {}

    public static String resourceId(String id) {
        return require("resource_id", id, ID, "must be 1-128 letters, digits or . _ ~ -");
    }

    /** A record id given in {@code field} (e.g. {@code conversation_id}), under the rule of record ids. */
    public static String resourceId(String field, String id) {
        return require(field, id, ID, "must be 1-128 letters, digits or . _ ~ -");
    }

    /** A device's id, under the rule of tab ids. */
    public static String deviceId(String deviceId) {
        return require("device_id", deviceId, TAB_ID, "must be 1-64 letters, digits or . _ ~ - (a uuid works)");
    }

    public static String tabId(String tabId) {
        return require("tab_id", tabId, TAB_ID, "must be 1-64 letters, digits or . _ ~ - (a uuid works)");
    }

    public static String tenant(String tenant) {
        return require("tenant", tenant, TENANT, "must be 1-64 letters, digits or . _ ~ -");
    }

    public static String field(String field) {
        return field == null
                ? null
                : require("active_field", field, FIELD, "must be 1-100 letters, digits or . _ [ ] -");
    }

    /** The field of a lock request: required, under the same rule as an active field. */
    public static String lockField(String field) {
        return require("field", field, FIELD, "must be 1-100 letters, digits or . _ [ ] -");
    }

    /** A producer's event id: 1-128 letters, digits or . _ ~ : - (a uuid works). */
    public static String eventId(String eventId) {
        return require("event_id", eventId, EVENT_ID, "must be 1-128 letters, digits or . _ ~ : -");
    }

    /** A display name made safe to store: control characters removed, length capped. */
    public static String displayName(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "").strip();
        return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) : clean;
    }

    /** A user id from a token made safe to store; user ids with control characters are refused. */
    public static String userId(String userId) {
        if (!storableUserId(userId)) {
            throw new InvalidInputException("sub", "the token's subject must be at most 200 printable characters");
        }
        return userId;
    }

    /** A user id given in a request body as {@code field}, under the same rule as a token's subject. */
    public static String userId(String field, String userId) {
        if (!storableUserId(userId)) {
            throw new InvalidInputException(field, "must be at most 200 printable characters");
        }
        return userId;
    }

    private static boolean storableUserId(String userId) {
        return userId.length() <= MAX_NAME && userId.chars().noneMatch(Character::isISOControl);
    }

    /** A value echoed in an error message, cut and cleaned so that it cannot forge log lines. */
    public static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static String require(String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, rule);
        }
        return value;
    }
}
