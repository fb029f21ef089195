package io.presence.core.errors;

import java.time.Duration;
import java.util.Map;

/**
 * The caller did this too soon after the last time (HTTP 429): REST answers with {@code Retry-After},
 * WebSocket with {@code details.retry_after_ms}.
 */
public class RateLimitedException extends PresenceException {

    private final Duration retryAfter;

    public RateLimitedException(String field, String rule, Duration retryAfter) {
        super(
                429,
                "rate_limited",
                field + ": " + rule + "; retry in " + retryAfter.toMillis() + " ms",
                Map.of("field", field, "retry_after_ms", retryAfter.toMillis()));
        this.retryAfter = retryAfter;
    }

    /** How long until the same request would be accepted. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter} in whole seconds, rounded up, as the {@code Retry-After} header takes it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
