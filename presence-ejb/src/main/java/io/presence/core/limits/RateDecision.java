package io.presence.core.limits;

import java.time.Duration;

/**
 * What a limit answered to one request: granted, with the permits left, or refused, with the time after
 * which a retry is granted.
 *
 * @param rate the limit that decided
 * @param remaining permits that could be taken at once right after this one (0 when refused)
 * @param retryAfter how long until the next permit ({@link Duration#ZERO} when granted)
 */
public record RateDecision(boolean allowed, Rate rate, long remaining, Duration retryAfter) {

    /** The decision of a {@link Gcra} outcome whose times are in microseconds. */
    public static RateDecision ofMicros(Gcra.Outcome outcome, Rate rate) {
        return new RateDecision(
                outcome.allowed(), rate, outcome.remaining(), Duration.ofNanos(outcome.retryAfter() * 1_000));
    }

    /** A refusal decided without asking the limiter (the wait is known from an earlier refusal). */
    static RateDecision refused(Rate rate, Duration retryAfter) {
        return new RateDecision(false, rate, 0, retryAfter);
    }

    /** The wait in whole seconds, rounded up and at least 1: what HTTP's {@code Retry-After} says. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1_000);
    }
}
