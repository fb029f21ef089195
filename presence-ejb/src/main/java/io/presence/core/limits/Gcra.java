package io.presence.core.limits;

import java.time.Instant;

/**
 * The generic cell rate algorithm (GCRA), the arithmetic every limit of Presence runs on, in one unit
 * of time chosen by the caller.
 *
 * <p>A client is one number, its theoretical arrival time (TAT): when it would have used up its
 * allowance had it kept sending at the sustained rate. A permit moves the TAT one interval on from
 * itself, or from now if it lies in the past; the permit is granted while the moved TAT lies at most
 * {@code burst} intervals ahead of now. A refused request changes nothing, so a client that retries
 * while refused gets its next permit exactly when the rate allows, no later.
 *
 * <p>Why this algorithm rather than a window: it is exact (a fixed window lets twice the limit through
 * across its boundary, a sliding-window counter only approximates), it keeps one number per client (a
 * sliding log keeps every request of the window), and the decision, the permits left and the time to
 * wait all follow from that number and now. So one atomic read-modify-write of the number decides for
 * every node that shares it: the Redis script {@code rate_limit.lua} is this method, line for line.
 */
public final class Gcra {

    /**
     * @param allowed whether the permit was granted
     * @param tat the TAT to keep: moved on when granted, unchanged when refused
     * @param remaining permits left that could be taken at once right now (0 when refused)
     * @param retryAfter how long until the next permit (0 when granted)
     */
    public record Outcome(boolean allowed, long tat, long remaining, long retryAfter) {}

    private Gcra() {}

    /**
     * Takes one permit.
     *
     * @param tat the client's TAT, or any value at or before {@code now} for a client never seen
     * @param now the time of the request
     * @param interval the time between two permits at the sustained rate, at least 1
     * @param burst the permits a client that was quiet may take at once, at least 1
     */
    public static Outcome take(long tat, long now, long interval, int burst) {
        long next = Math.max(tat, now) + interval;
        long allowAt = next - burst * interval;
        if (allowAt > now) {
            return new Outcome(false, tat, 0, allowAt - now);
        }
        return new Outcome(true, next, (now - allowAt) / interval, 0);
    }

    /** An instant in microseconds since the epoch, the unit of the limits that nodes share. */
    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
