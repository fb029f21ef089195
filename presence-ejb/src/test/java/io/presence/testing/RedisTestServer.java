package io.presence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis server for tests, found in this order so that the test command passes on a fresh
 * machine with neither Docker nor Redis installed:
 * <ol>
 *   <li>{@code PRESENCE_TEST_REDIS_URL} (environment or system property): an existing server; tests
 *       write only keys of tenants they made up and never flush it;
 *   <li>a {@code redis:7-alpine} container when a Docker engine is available (Testcontainers);
 *   <li>the {@code redis-server} on the PATH, started on a free port as a child process;
 *   <li>the Redis 6.2 binary shipped inside {@code com.github.codemonstur:embedded-redis}, extracted
 *       and started the same way.
 * </ol>
 * Child processes persist nothing and are killed by {@link #close()}; {@link #stop()} and
 * {@link #start()} simulate an outage on the same port.
 */
public final class RedisTestServer implements AutoCloseable {

    private static final String EMBEDDED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final Optional<String> externalUrl;
    private final Object container;
    private final Path binary;
    private final int port;
    private Process process;

    private RedisTestServer(Optional<String> externalUrl, Object container, Path binary, int port) {
        this.externalUrl = externalUrl;
        this.container = container;
        this.binary = binary;
        this.port = port;
    }

    /** Starts (or connects to) a Redis server as described in the class documentation. */
    public static RedisTestServer start() {
        String url = Optional.ofNullable(System.getProperty("PRESENCE_TEST_REDIS_URL"))
                .orElse(System.getenv("PRESENCE_TEST_REDIS_URL"));
        if (url != null && !url.isBlank()) {
            return new RedisTestServer(Optional.of(url), null, null, -1);
        }
        Optional<RedisTestServer> docker = DockerRedis.tryStart();
        if (docker.isPresent()) {
            return docker.get();
        }
        RedisTestServer server = new RedisTestServer(Optional.empty(), null, findBinary(), freePort());
        server.startProcess();
        return server;
    }

    static RedisTestServer ofContainer(Object container, String url) {
        return new RedisTestServer(Optional.of(url), container, null, -1);
    }

    /** The server's URL, e.g. {@code redis://127.0.0.1:41234}. */
    public String url() {
        return externalUrl.orElse("redis://127.0.0.1:" + port);
    }

    /** True when this object runs the server process, so {@link #stop()} and {@link #restart()} work. */
    public boolean isManaged() {
        return binary != null;
    }

    /** Kills the server process (an outage); the port stays reserved for {@link #restart()}. */
    public void stop() {
        requireManaged();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        requireManaged();
        startProcess();
    }

    private void requireManaged() {
        if (!isManaged()) {
            throw new IllegalStateException("this Redis is not a child process of the test");
        }
    }

    private void startProcess() {
        try {
            process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        awaitPort(port, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (container != null) {
            DockerRedis.stop(container);
        }
    }

    private static Path findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        try (InputStream in = RedisTestServer.class.getClassLoader().getResourceAsStream(EMBEDDED_BINARY)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no " + EMBEDDED_BINARY
                        + " on the test class path (com.github.codemonstur:embedded-redis)");
            }
            Path file = Files.createTempFile("redis-server", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().setExecutable(true);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago, within {@code PRESENCE_TEST_PORTS} if set ({@link TestPorts}). */
    public static int freePort() {
        return TestPorts.free();
    }

    /** Waits until something accepts connections on the port, or fails. */
    public static void awaitPort(int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
