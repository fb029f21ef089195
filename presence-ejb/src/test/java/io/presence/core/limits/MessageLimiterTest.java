package io.presence.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.core.limits.MessageLimiter.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A WebSocket connection's message limit: burst, refusals with their wait, and the close of an abuser. */
class MessageLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    /** The defaults: 20 per second, 40 at once, closed beyond 50 refusals a minute. */
    private final MessageLimiter limiter = new MessageLimiter(new MessageLimiter.Policy(
            new Rate(20, Duration.ofSeconds(1), 40),
            Rate.perPeriod(50, Duration.ofMinutes(1)),
            refused::incrementAndGet,
            closed::incrementAndGet));

    private final long start = System.nanoTime();

    @Test
    void aQuietConnectionSendsItsBurstThenOneMessageEveryFiftyMilliseconds() {
        accept(40, start);
        MessageLimiter.Verdict verdict = limiter.offer(start);
        assertEquals(Kind.REFUSED, verdict.kind());
        assertEquals(Duration.ofMillis(50), verdict.retryAfter());
        assertEquals(Kind.ACCEPTED, limiter.offer(start + SECOND / 20).kind());
        assertEquals(Kind.REFUSED, limiter.offer(start + SECOND / 20).kind());
        assertEquals(2, refused.get());
    }

    @Test
    void aConnectionThatKeepsSendingWhileRefusedIsClosedOnce() {
        accept(40, start);
        for (int i = 0; i < 50; i++) {
            assertEquals(Kind.REFUSED, limiter.offer(start).kind(), "refusal " + (i + 1));
        }
        assertEquals(Kind.CLOSE, limiter.offer(start).kind());
        assertEquals(Kind.CLOSE, limiter.offer(start + 60 * SECOND).kind(), "a connection to close stays so");
        assertEquals(50, refused.get());
        assertEquals(1, closed.get(), "closed once, however many messages were still in flight");
    }

    @Test
    void refusalsAreForgivenAtTheirOwnRate() {
        accept(40, start);
        for (int i = 0; i < 50; i++) {
            limiter.offer(start);
        }
        long minuteLater = start + 60 * SECOND;
        accept(40, minuteLater);
        for (int i = 0; i < 50; i++) {
            assertEquals(Kind.REFUSED, limiter.offer(minuteLater).kind(), "a minute forgives 50 refusals");
        }
        assertEquals(Kind.CLOSE, limiter.offer(minuteLater).kind());
    }

    @Test
    void withoutALimitEveryMessageIsAccepted() {
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Kind.ACCEPTED, MessageLimiter.UNLIMITED.offer(start).kind());
        }
    }

    private void accept(int messages, long at) {
        for (int i = 0; i < messages; i++) {
            assertEquals(Kind.ACCEPTED, limiter.offer(at).kind(), "message " + (i + 1));
        }
    }
}
