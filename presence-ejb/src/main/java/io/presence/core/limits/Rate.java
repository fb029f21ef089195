package io.presence.core.limits;

import java.time.Duration;

/**
 * A limit: {@code permits} per {@code period} on average, and up to {@code burst} at once after a quiet
 * spell. 200 per minute with a burst of 200 lets a client that was idle send 200 requests at once and
 * then one every 0.3 s; 20 per second with a burst of 40 lets a connection send 40 messages at once and
 * then one every 50 ms.
 */
public record Rate(int permits, Duration period, int burst) {

    public Rate {
        if (permits < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "a rate needs at least one permit and a burst of at least one, not " + permits + "/" + burst);
        }
        if (period.toNanos() / 1_000 / permits < 1) {
            throw new IllegalArgumentException(
                    "a rate of " + permits + " per " + period + " is more than one permit per microsecond");
        }
    }

    /** {@code permits} per {@code period}, all of which may be taken at once. */
    public static Rate perPeriod(int permits, Duration period) {
        return new Rate(permits, period, permits);
    }

    /** The time between two permits at the sustained rate, in nanoseconds. */
    public long intervalNanos() {
        return period.toNanos() / permits;
    }

    /** The time between two permits at the sustained rate, in microseconds. */
    public long intervalMicros() {
        return period.toNanos() / 1_000 / permits;
    }
}
