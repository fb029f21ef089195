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
 * helper pick from that range; without it any free port is used.
 */
public final class TestPorts {

    private TestPorts() {}

    /** A port that was free a moment ago, inside the configured range if there is one. */
    public static int free() {
        Optional<int[]> range = range();
        if (range.isEmpty()) {
            return bind(0);
        }
        int low = range.get()[0];
        int size = range.get()[1] - low + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = low + (start + i) % size;
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in PRESENCE_TEST_PORTS " + low + "-" + range.get()[1]);
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
