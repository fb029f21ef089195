package io.presence.web.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Payara Micro process serving {@code target/presence.war} on a given port, started the way an
 * operator starts it (java -jar payara-micro.jar --deploy ...), with a fresh root directory under
 * {@code target/} and the pre-boot command that lets DELETE carry a body. Ready means the API answers
 * 401 to an unauthenticated {@code GET /api/v1/whoami}, i.e. the application is deployed, not only the
 * HTTP listener.
 */
public final class PresenceServer implements AutoCloseable {

    /** Generous, for machines busy with other builds, where a start can take minutes. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(360);

    private final Process process;
    private final int port;
    private final Path log;

    private PresenceServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param port one of this module's test ports
     * @param systemProperties extra {@code -D} settings, e.g. {@code presence.jwt.public-key-location}
     */
    static PresenceServer start(int port, Map<String, String> systemProperties)
            throws IOException, InterruptedException {
        return start(port, systemProperties, List.of());
    }

    /**
     * @param deployments more applications beside the WAR, as Payara Micro's {@code --deploy} takes them,
     *     e.g. {@code target/seed-pages:/seed-pages} (a directory, served at that context root)
     */
    public static PresenceServer start(int port, Map<String, String> systemProperties, List<String> deployments)
            throws IOException, InterruptedException {
        Path target = Path.of(System.getProperty("presence.war")).getParent();
        Path root = Files.createTempDirectory(target, "payara-" + port + "-");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-Dproduct.name=Presence"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-jar",
                System.getProperty("payara.microJar"),
                "--nocluster",
                "--disablephonehome",
                "--port",
                String.valueOf(port),
                "--rootDir",
                root.resolve("micro").toString(),
                "--prebootcommandfile",
                Path.of("src/main/payara/pre-boot-commands.asadmin")
                        .toAbsolutePath()
                        .toString(),
                "--deploy",
                System.getProperty("presence.war"),
                "--contextroot",
                "/"));
        deployments.forEach(deployment -> command.addAll(List.of("--deploy", deployment)));
        Path log = root.resolve("server.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PresenceServer server = new PresenceServer(process, port, log);
        server.awaitDeployed();
        return server;
    }

    /**
     * Starts a server that verifies tokens with a freshly generated public key (PEM in {@code target/})
     * and issuer {@code https://idp.example}: production mode, without development tokens.
     */
    public static PresenceServer startWithConfiguredKey(int port) throws IOException, InterruptedException {
        Path key = Files.createTempFile(
                Path.of(System.getProperty("presence.war")).getParent(), "verification-key-", ".pem");
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        generator.initialize(2048);
        Files.writeString(
                key,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        generator.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        return start(
                port,
                Map.of(
                        "presence.jwt.public-key-location",
                        key.toString(),
                        "presence.jwt.issuer",
                        "https://idp.example"),
                List.of());
    }

    /** The server's root URL, e.g. {@code http://127.0.0.1:18101}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitDeployed() throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/whoami"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the listener is not up yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException(
                "Payara Micro did not deploy presence.war within " + START_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
