package io.presence.web.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One server-to-client message, encoded once: its JSON text and, made on first use, the whole WebSocket
 * text frame (RFC 6455 section 5.2: FIN and opcode 1, the payload length, the UTF-8 payload; a server
 * never masks). The same frame bytes are written to every recipient, where {@code sendText} would
 * encode and frame the string again for each one; the JDK's encoder replaces a lone surrogate with
 * {@code ?}, so no text can make an unsendable frame.
 *
 * <p>A joined frame ({@link #joined}) is several messages' frames back to back, made once for everyone
 * who gets all of them (a large users room's batch); a connection's outbox counts it as one entry.
 */
final class WsFrame {

    private final String text;
    private final List<WsFrame> parts;
    private volatile ByteBuffer frame;

    WsFrame(String text) {
        this.text = text;
        this.parts = null;
    }

    private WsFrame(List<WsFrame> parts) {
        this.text = null;
        this.parts = List.copyOf(parts);
    }

    /** The frames of {@code parts}, in order, as one buffer. */
    static WsFrame joined(List<WsFrame> parts) {
        return parts.size() == 1 ? parts.get(0) : new WsFrame(parts);
    }

    /** The text of each message this frame carries, in order (one unless joined). */
    List<String> texts() {
        return parts == null
                ? List.of(text)
                : parts.stream().map(part -> part.text).toList();
    }

    /** The frame's bytes, positioned at their start; each caller gets its own position. */
    ByteBuffer bytes() {
        ByteBuffer made = frame;
        if (made == null) {
            made = parts == null ? encode(text) : join(parts);
            frame = made;
        }
        return made.duplicate();
    }

    int length() {
        return bytes().remaining();
    }

    private static ByteBuffer join(List<WsFrame> parts) {
        int length = 0;
        for (WsFrame part : parts) {
            length += part.length();
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (WsFrame part : parts) {
            joined.put(part.bytes());
        }
        return joined.flip();
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
