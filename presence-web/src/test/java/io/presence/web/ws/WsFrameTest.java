package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame's bytes as RFC 6455 lays them out, alone and joined with others. */
class WsFrameTest {

    @Test
    void aFrameIsFinTextWithItsLengthThenItsUtf8() {
        ByteBuffer bytes = new WsFrame("{\"a\":\"é\"}").bytes();
        assertEquals(0x81, bytes.get(0) & 0xff);
        assertEquals(10, bytes.get(1));
        assertEquals("{\"a\":\"é\"}", utf8(bytes.position(2)));
    }

    @Test
    void aLongerPayloadTakesTheTwoByteLength() {
        String text = "x".repeat(300);
        ByteBuffer bytes = new WsFrame(text).bytes();
        assertEquals(126, bytes.get(1));
        assertEquals(300, bytes.getShort(2));
        assertEquals(304, bytes.remaining());
    }

    @Test
    void joinedFramesAreTheSameBytesBackToBackAndTheirTextsInOrder() {
        WsFrame first = new WsFrame("{\"n\":1}");
        WsFrame second = new WsFrame("x".repeat(200));
        WsFrame joined = WsFrame.joined(List.of(first, second));

        ByteBuffer expected = ByteBuffer.allocate(first.length() + second.length());
        expected.put(first.bytes()).put(second.bytes()).flip();
        assertEquals(expected, joined.bytes());
        assertEquals(first.length() + second.length(), joined.length());
        assertEquals(List.of("{\"n\":1}", "x".repeat(200)), joined.texts());
        assertEquals(0, joined.bytes().position(), "each caller reads from the start");
        assertSame(first, WsFrame.joined(List.of(first)), "one frame joins to itself");
    }

    private static String utf8(ByteBuffer bytes) {
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
