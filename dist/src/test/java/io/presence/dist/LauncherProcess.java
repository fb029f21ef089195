package io.presence.dist;

import io.presence.testing.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Presence node started with the distribution's {@code bin/presence}, on a free port, with the
 * given environment; its output goes to {@code target/<name>.log}. Closing it kills the process tree.
 */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LauncherProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The command line the node's JVM runs with (the launcher replaces itself with it). */
    List<String> jvmArguments() {
        return List.of(process.info().arguments().orElse(new String[0]));
    }

    static Path distribution() {
        return Path.of(System.getProperty("presence.dist", "target/presence"));
    }

    /** Starts the launcher of {@code home} and waits until the node is ready (at most 300 s). */
    static LauncherProcess start(Path home, String name, Map<String, String> environment) {
        return start(List.of(home.resolve("bin/presence").toString()), name, environment);
    }

    /**
     * Starts {@code command}, which ends in running a launcher, and waits until the node is ready (at
     * most 300 s). {@code environment} may replace the working directory the node gets under target/.
     */
    static LauncherProcess start(List<String> command, String name, Map<String, String> environment) {
        LauncherProcess launched = launch(command, name, environment);
        launched.awaitReady(Duration.ofSeconds(300));
        return launched;
    }

    /** Starts the launcher of {@code home} without waiting for anything. */
    static LauncherProcess launch(Path home, String name, Map<String, String> environment) {
        return launch(List.of(home.resolve("bin/presence").toString()), name, environment);
    }

    private static LauncherProcess launch(List<String> command, String name, Map<String, String> environment) {
        int port = RedisTestServer.freePort();
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // A smaller heap than the launcher's default, so that several nodes fit; an empty value in
        // environment gives the launcher's own default.
        builder.environment().put("PRESENCE_JAVA_OPTS", "-Xmx512m");
        builder.environment()
                .put(
                        "PRESENCE_ROOT_DIR",
                        Path.of("target", name + "-root").toAbsolutePath().toString());
        builder.environment().putAll(environment);
        builder.environment().put("PRESENCE_PORT", Integer.toString(port));
        try {
            return new LauncherProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private void awaitReady(Duration timeout) {
        answersUntilReady("health/live", timeout);
    }

    /**
     * Asks {@code path} every 20 ms from the moment the launcher started until it answers 200: every
     * answer on the way, the 200 last (a refused connection is not an answer). At most {@code timeout}.
     */
    List<HttpResponse<String>> answersUntilReady(String path, Duration timeout) {
        // HTTP/1.1: the default client asks for an h2c upgrade; an upgrade the server started while still
        // deploying failed (broken pipe in Http2ServerFilter.tryHttpUpgrade) and no later probe got an answer
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        List<HttpResponse<String>> answers = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(base().resolve(path))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.add(answer);
                if (answer.statusCode() == 200) {
                    return answers;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        close();
        throw new IllegalStateException(path + " did not answer 200 within " + timeout + "; see " + log);
    }

    /** Waits for the launcher to exit; its exit status, or empty if it still runs after {@code timeout}. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
