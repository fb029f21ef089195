package io.presence.web.ws;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of one connection's incoming bytes and says when a frame announces a
 * payload larger than the endpoint accepts, before that payload arrives. Tyrus checks a message's size
 * only once its frame is complete, and buffers the frame until then: a frame longer than Tyrus' read
 * buffer (4 MiB) failed the buffer first, with close code 1011 and a logged stack trace, instead of
 * 1009. Knowing from the header, both listeners close with 1009 at once and buffer nothing ({@link
 * FrameFilter} on the WebSocket listener, {@link FrameLimitUpgradeHandler} on the HTTP listener).
 *
 * <p>RFC 6455 section 5.2: two bytes (FIN, opcode; MASK, 7-bit length), a 16- or 64-bit extended
 * length, a 4-byte mask key when MASK is set (always, from a client), then the payload.
 */
final class FrameSizes {

    private final long maxPayload;
    private final byte[] header = new byte[14];
    private int headerRead;
    private long payloadLeft;

    FrameSizes(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Reads past {@code bytes} (without moving their position); true once a frame is too large. */
    boolean tooLarge(ByteBuffer bytes) {
        return tooLargeAt(bytes) >= 0;
    }

    /**
     * Reads past {@code bytes} (without moving their position): -1 while every frame fits, else the index
     * in {@code bytes} where the header of the first frame too large begins (their position when that
     * header began in earlier bytes). The bytes before it are whole frames, or the rest of one.
     */
    int tooLargeAt(ByteBuffer bytes) {
        int at = bytes.position();
        int end = bytes.limit();
        int headerStart = at;
        while (at < end) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, end - at);
                payloadLeft -= skip;
                at += skip;
                continue;
            }
            if (headerRead == 0) {
                headerStart = at;
            }
            header[headerRead++] = bytes.get(at++);
            int needed = headerLength();
            if (headerRead < needed) {
                continue;
            }
            long length = payloadLength();
            headerRead = 0;
            if (length > maxPayload || length < 0) {
                return headerStart;
            }
            payloadLeft = length;
        }
        return -1;
    }

    /** The length of the header being read, as far as the bytes read so far tell. */
    private int headerLength() {
        if (headerRead < 2) {
            return 2;
        }
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        int length = header[1] & 0x7f;
        return 2 + mask + (length == 126 ? 2 : length == 127 ? 8 : 0);
    }

    private long payloadLength() {
        int length = header[1] & 0x7f;
        if (length < 126) {
            return length;
        }
        long value = 0;
        int bytes = length == 126 ? 2 : 8;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (header[2 + i] & 0xff);
        }
        return value;
    }
}
