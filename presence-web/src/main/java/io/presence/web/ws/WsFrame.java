package io.presence.web.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client message, encoded once: its JSON text and, made on first use, the whole WebSocket
 * text frame (RFC 6455 section 5.2: FIN and opcode 1, the payload length, the UTF-8 payload; a server
 * never masks). The same frame bytes are written to every recipient, where {@code sendText} would
 * encode and frame the string again for each one; the JDK's encoder replaces a lone surrogate with
 * {@code ?}, so no text can make an unsendable frame.
 */
final class WsFrame {

    private final String text;
    private volatile ByteBuffer frame;

    WsFrame(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The frame's bytes, positioned at their start; each caller gets its own position. */
    ByteBuffer bytes() {
        ByteBuffer made = frame;
        if (made == null) {
            made = encode(text);
            frame = made;
        }
        return made.duplicate();
    }

    int length() {
        return bytes().remaining();
    }

    private static ByteBuffer encode(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        ByteBuffer buffer = ByteBuffer.allocate(header + length);
        buffer.put((byte) 0x81);
        if (length < 126) {
            buffer.put((byte) length);
        } else if (length < 65_536) {
            buffer.put((byte) 126).putShort((short) length);
        } else {
            buffer.put((byte) 127).putLong(length);
        }
        buffer.put(payload).flip();
        return buffer;
    }
}
