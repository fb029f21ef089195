package io.presence.web.ws;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Payara Micro process running the built {@code presence.war} on one port, configured through
 * environment variables; for tests that need several nodes, a node they can kill with SIGKILL, or a
 * configuration of their own. Its log is {@code target/<name>.log}.
 */
final class PayaraNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final int port;
    private final Process process;
    private final Path log;

    private PayaraNode(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a node and waits until its API answers; fails after five minutes (several nodes booting at once on a busy machine are slow). */
    static PayaraNode start(String name, int port, Map<String, String> env) throws IOException, InterruptedException {
        PayaraNode node = launch(name, port, env);
        node.awaitReady();
        return node;
    }

    /** {@link #start} with jars added to the server's class path ({@code --addLibs}). */
    static PayaraNode start(String name, int port, Map<String, String> env, List<Path> libs)
            throws IOException, InterruptedException {
        PayaraNode node = launch(name, port, env, libs);
        node.awaitReady();
        return node;
    }

    /** Starts a node without waiting, so that several can boot at once; then call {@link #awaitReady()}. */
    static PayaraNode launch(String name, int port, Map<String, String> env) throws IOException {
        return launch(name, port, env, List.of());
    }

    /** {@link #launch} with jars added to the server's class path ({@code --addLibs}), e.g. plugins. */
    static PayaraNode launch(String name, int port, Map<String, String> env, List<Path> libs) throws IOException {
        Path target = Path.of(System.getProperty("presence.war", "target/presence.war"))
                .toAbsolutePath()
                .getParent();
        Path root = Files.createTempDirectory(target, name + "-root");
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-Xmx512m",
                "-Dproduct.name=Presence",
                "-jar",
                payaraJar(),
                "--nocluster",
                "--disablephonehome",
                "--port",
                Integer.toString(port),
                "--rootDir",
                root.toString(),
                "--prebootcommandfile",
                Path.of("src/main/payara/pre-boot-commands.asadmin")
                        .toAbsolutePath()
                        .toString(),
                "--deploy",
                target.resolve("presence.war").toString(),
                "--contextroot",
                "/"));
        for (Path lib : libs) {
            command.add("--addLibs");
            command.add(lib.toAbsolutePath().toString());
        }
        Path log = target.resolve(name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new PayaraNode(port, builder.start(), log);
    }

    /**
     * Starts a node configured with a key of its own (no development tokens) and waits until its API
     * answers, which it does with 401 to an unauthenticated call.
     */
    static PayaraNode startWithConfiguredKey(String name, int port, Map<String, String> env)
            throws IOException, InterruptedException {
        PayaraNode node = launch(name, port, env);
        node.awaitAnswer("/api/v1/whoami");
        return node;
    }

    int port() {
        return port;
    }

    /** A development token for a user of tenant {@code acme} (or the given tenants). */
    String token(String userId, String name, String... tenants) throws IOException, InterruptedException {
        String tenant = tenants.length == 0 ? "\"acme\"" : "[\"" + String.join("\",\"", tenants) + "\"]";
        JsonObject body = post(
                "/api/v1/dev/token",
                null,
                "{\"user_id\":\"" + userId + "\",\"name\":\"" + name + "\",\"tenant\":" + tenant + "}");
        return body.getJsonObject("data").getString("token");
    }

    /** POSTs JSON and returns the parsed envelope (whatever the status). */
    JsonObject post(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** PUTs JSON and returns the parsed envelope (whatever the status). */
    JsonObject put(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    JsonObject get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private JsonObject send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String body =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        return Json.createReader(new StringReader(body)).readObject();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void awaitReady() throws IOException, InterruptedException {
        awaitUntil(() -> token("probe", "Probe"));
    }

    private void awaitAnswer(String path) throws IOException, InterruptedException {
        awaitUntil(() -> get(path, null).getBoolean("success"));
    }

    private interface Probe {
        void run() throws IOException, InterruptedException;
    }

    private void awaitUntil(Probe probe) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro on " + port + " exited; see " + log);
            }
            try {
                probe.run();
                return;
            } catch (IOException | RuntimeException e) {
                Thread.sleep(500);
            }
        }
        close();
        throw new IllegalStateException(
                "Payara Micro on " + port + " not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGKILL: the node gets no chance to release anything, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String payaraJar() {
        String jar = System.getProperty("payara.microJar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property payara.microJar must name the Payara Micro jar");
        }
        return jar;
    }
}
