package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox of one connection: frames leave in order, and a write that fails closes that connection. */
class OutboxTest {

    /** A transport that records what it is given, and fails its writes once told to. */
    private static final class RecordingSink implements Outbox.Sink {
        final List<String> written = new ArrayList<>();
        volatile boolean failing;
        volatile boolean open = true;

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void write(List<WsFrame> frames, int bytes) throws IOException {
            if (failing) {
                throw new IOException("broken pipe");
            }
            frames.forEach(frame -> written.addAll(frame.texts()));
        }

        @Override
        public void ping(ByteBuffer payload) {}
    }

    private final RecordingSink sink = new RecordingSink();
    private final List<Exception> failures = new ArrayList<>();
    private final Outbox outbox = new Outbox(sink, 100, Duration.ofSeconds(5), () -> {}, failures::add);

    @Test
    void framesLeaveInTheOrderTheyWereQueued() {
        outbox.offer(new WsFrame("{\"n\":1}"));
        outbox.offer(new WsFrame("{\"n\":2}"));
        outbox.flush();
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), sink.written);
        assertTrue(failures.isEmpty());
    }

    @Test
    void aFailedWriteIsReportedOnceAndTheConnectionTakesNoMore() {
        sink.failing = true;
        assertTrue(outbox.offer(new WsFrame("{\"n\":1}")));
        outbox.flush();
        assertEquals(1, failures.size());
        assertEquals("broken pipe", failures.get(0).getMessage());
        sink.failing = false;
        assertFalse(outbox.offer(new WsFrame("{\"n\":2}")), "a failed connection is closing: messages are dropped");
        outbox.flush();
        assertTrue(sink.written.isEmpty());
        assertEquals(1, failures.size());
    }

    @Test
    void aWriteThatFailsBecauseTheConnectionClosedIsNotAFailure() {
        sink.failing = true;
        sink.open = false;
        outbox.offer(new WsFrame("{}"));
        outbox.flush();
        assertTrue(failures.isEmpty(), "the close already handles a connection that went away");
    }

    @Test
    void aFrameCarriesTextThatIsNotUnicodeWithAReplacementCharacter() {
        ByteBuffer bytes = new WsFrame("{\"type\":\"\ud800\"}").bytes();
        byte[] payload = new byte[bytes.remaining() - 2];
        bytes.position(2).get(payload);
        assertEquals("{\"type\":\"?\"}", new String(payload, StandardCharsets.UTF_8));
    }
}
