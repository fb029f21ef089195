package io.presence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for servers that tests start. Several engineers share one machine, each with a port
 * range: {@code PRESENCE_TEST_PORTS=18200-18299} (environment variable or system property) makes every
 * helper pick from that range; without it a port of {@link #DEFAULT_RANGE} is used. Never a port of the
 * ephemeral range (32768-60999), where the kernel picks client sockets' ports and a test server's
 * port could be taken by any outgoing connection.
 */
public final class TestPorts {

    /** The range used when none is configured: below the ephemeral range. */
    static final int[] DEFAULT_RANGE = {20000, 29999};

    private TestPorts() {}

    /** A port that was free a moment ago, inside the configured range if there is one. */
    public static int free() {
        int[] range = range().orElse(DEFAULT_RANGE);
        int low = range[0];
        int size = range[1] - low + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = low + (start + i) % size;
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + low + "-" + range[1]);
    }

    private static Optional<int[]> range() {
        String value = Optional.ofNullable(System.getProperty("PRESENCE_TEST_PORTS"))
                .orElse(System.getenv("PRESENCE_TEST_PORTS"));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] bounds = value.trim().split("-");
        return Optional.of(new int[] {Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim())});
    }

    private static boolean isFree(int port) {
        try {
            bind(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
