package io.presence.core.errors;

import java.util.Map;

/**
 * A failure that is the caller's to fix or to know about, rendered as
 * {@code {"success":false,"error":{"code","message","details"}}} with {@link #status()}.
 */
public class PresenceException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public PresenceException(int status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, null);
    }

    /** With the infrastructure failure behind it, kept for the log; never shown to callers. */
    public PresenceException(int status, String code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public PresenceException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** The HTTP status this failure maps to. */
    public int status() {
        return status;
    }

    /** A stable snake_case code clients can branch on, e.g. {@code invalid_field}. */
    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
