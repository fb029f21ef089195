package io.presence.core.limits;

import java.time.Duration;

/**
 * The message limit of one WebSocket connection: at most {@code presence.rate-limit.ws.messages-per-second}
 * with a burst, decided by {@link Gcra} in this node's memory. A refused message is not executed; the
 * transport answers it with an {@code error} and the wait. Refusals have a budget of their own
 * ({@code presence.rate-limit.ws.max-refused} per minute): a connection that keeps sending while refused
 * spends it, and the refusal that finds it spent closes the connection (1008), since such a client
 * ignores the errors it gets.
 *
 * <p>Per connection it holds two numbers (the TATs of its messages and of its refusals) and its
 * channel's shared {@link Policy}. Thread-safe; a connection's messages normally arrive one at a time.
 */
public final class MessageLimiter {

    /** The verdict on one message. */
    public enum Kind {
        ACCEPTED,
        REFUSED,
        CLOSE
    }

    /** A verdict, with the wait until the next message is accepted when refused. */
    public record Verdict(Kind kind, Duration retryAfter) {

        /** The wait in whole milliseconds, rounded up and at least 1. */
        public long retryAfterMillis() {
            return Math.max(1, (retryAfter.toNanos() + 999_999) / 1_000_000);
        }
    }

    /** The rates of a channel and what to count; shared by all its connections. */
    record Policy(Rate messages, Rate refusals, Runnable onRefused, Runnable onClosed) {}

    /** Admits every message: for a node configured without a message limit. */
    public static final MessageLimiter UNLIMITED = new MessageLimiter(null);

    private static final Verdict ACCEPTED = new Verdict(Kind.ACCEPTED, Duration.ZERO);
    private static final Verdict CLOSE = new Verdict(Kind.CLOSE, Duration.ZERO);
    /** The messages' TAT once the connection is to be closed: every later message gets the same verdict. */
    private static final long CLOSED = Long.MAX_VALUE;

    private final Policy policy;
    private long messagesTat = Long.MIN_VALUE;
    private long refusalsTat = Long.MIN_VALUE;

    MessageLimiter(Policy policy) {
        this.policy = policy;
    }

    /** The limit of this connection's messages; null for {@link #UNLIMITED}. */
    public Rate rate() {
        return policy == null ? null : policy.messages();
    }

    /** What a refused message is told. */
    public String refusal() {
        return "too many messages: at most " + policy.messages().permits() + " per second; this one was not handled";
    }

    /** Decides on a message that arrived at {@code nowNanos} ({@link System#nanoTime()}). */
    public synchronized Verdict offer(long nowNanos) {
        if (policy == null) {
            return ACCEPTED;
        }
        if (messagesTat == CLOSED) {
            return CLOSE;
        }
        Rate messages = policy.messages();
        Gcra.Outcome message = Gcra.take(messagesTat, nowNanos, messages.intervalNanos(), messages.burst());
        if (message.allowed()) {
            messagesTat = message.tat();
            return ACCEPTED;
        }
        Rate refusals = policy.refusals();
        Gcra.Outcome refusal = Gcra.take(refusalsTat, nowNanos, refusals.intervalNanos(), refusals.burst());
        if (!refusal.allowed()) {
            messagesTat = CLOSED;
            policy.onClosed().run();
            return CLOSE;
        }
        refusalsTat = refusal.tat();
        policy.onRefused().run();
        return new Verdict(Kind.REFUSED, Duration.ofNanos(message.retryAfter()));
    }
}
