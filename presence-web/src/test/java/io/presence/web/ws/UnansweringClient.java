package io.presence.web.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client that completes the handshake, sends text frames, and then never reads again,
 * so it never answers a ping: a frozen browser or a half-open connection. Built on a plain socket
 * because a full client library answers pings on its own.
 */
final class UnansweringClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private UnansweringClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static UnansweringClient connect(int port, String token, String tenant) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        String key = Base64.getEncoder().encodeToString("presence-test-key".getBytes(StandardCharsets.US_ASCII));
        String request = "GET /api/v1/ws?access_token=" + token + "&tenant=" + tenant + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
        return new UnansweringClient(socket);
    }

    /** Sends one masked text frame (clients must mask). */
    void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("this client sends short frames only");
        }
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    /** Sends only the header of a masked text frame that announces {@code length} payload bytes. */
    void sendFrameHeader(long length) throws IOException {
        byte[] header = new byte[14];
        header[0] = (byte) 0x81;
        header[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        out.write(header);
        out.flush();
    }

    /** Reads frames until the server's close frame and returns its code; -1 if the connection ends first. */
    int closeCode() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return -1;
            }
            long length = second & 0x7f;
            if (length >= 126) {
                int bytes = length == 126 ? 2 : 8;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0f) == 8) {
                return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
