package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Frame headers followed across reads: a frame over the limit is known from its header alone. */
class FrameSizesTest {

    private static ByteBuffer frame(long length, int payloadBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(14 + payloadBytes).put((byte) 0x81);
        if (length < 126) {
            buffer.put((byte) (0x80 | length));
        } else if (length < 65_536) {
            buffer.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            buffer.put((byte) (0x80 | 127)).putLong(length);
        }
        return buffer.putInt(0x01020304).put(new byte[payloadBytes]).flip();
    }

    @Test
    void framesWithinTheLimitPassWhateverTheReadsSplitThemInto() {
        FrameSizes sizes = new FrameSizes(64 * 1024);
        ByteBuffer stream = ByteBuffer.allocate(200_000)
                .put(frame(5, 5))
                .put(frame(300, 300))
                .put(frame(64 * 1024, 64 * 1024))
                .flip();
        while (stream.hasRemaining()) {
            ByteBuffer read = stream.slice().limit(Math.min(stream.remaining(), 3));
            assertFalse(sizes.tooLarge(read));
            stream.position(stream.position() + read.limit());
        }
    }

    @Test
    void aFrameOverTheLimitIsToldByItsHeaderBeforeItsPayload() {
        FrameSizes sizes = new FrameSizes(64 * 1024);
        assertFalse(sizes.tooLarge(frame(10, 10)));
        ByteBuffer big = frame(8L * 1024 * 1024, 0);
        assertFalse(sizes.tooLarge(big.slice().limit(5)), "half a header says nothing yet");
        assertTrue(sizes.tooLarge(big.position(5)));
        assertTrue(new FrameSizes(64 * 1024).tooLarge(frame(64 * 1024 + 1, 0)));
        assertTrue(new FrameSizes(64 * 1024).tooLarge(frame(Long.MAX_VALUE, 0)));
    }
}
