package io.presence.dist;

import fish.payara.micro.PayaraMicro;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Starts Payara Micro with the arguments {@code java -jar payara-micro.jar} takes, then exits with
 * {@value #NOT_DEPLOYED} when Presence is not running in it.
 *
 * <p>Payara Micro keeps running when its application fails to deploy (a WebSocket port taken, a bad
 * setting): a process that serves nothing while its supervisor (systemd, Kubernetes) sees it alive.
 * Payara has no option to stop instead, and its list of deployed applications still names an
 * application whose start failed, so the launcher asks the node itself: Presence's own liveness check
 * ({@code presence} in {@code /health/live}) answers only when the application started.
 */
public final class Launcher {

    /** The exit status of a node whose application did not start. */
    static final int NOT_DEPLOYED = 3;

    /**
     * The name the server's own error pages give (a 404 for a static file that is not there): Presence
     * instead of Payara Micro and its version. Read once as the web container starts.
     */
    static final String PRODUCT_NAME = "product.name";

    static final String PRODUCT = "Presence";

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty(PRODUCT_NAME, PRODUCT);
        PayaraMicro.main(args);
        int port = httpPort(Arrays.asList(args));
        if (!presenceAnswers(port)) {
            System.err.println("presence: the application did not start on port " + port
                    + " (the reason is logged above); exiting with status " + NOT_DEPLOYED);
            exit(NOT_DEPLOYED);
        }
    }

    /** The {@code --port} argument, or Payara Micro's default 8080. */
    static int httpPort(List<String> args) {
        int at = args.indexOf("--port");
        return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : 8080;
    }

    /** Whether the node's liveness answer carries Presence's own check. */
    static boolean presenceAnswers(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(ASK_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                .timeout(ASK_TIMEOUT)
                .build();
        try {
            String body =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.contains("\"name\":\"presence\"") || body.contains("\"name\": \"presence\"");
        } catch (IOException e) {
            System.err.println("presence: the node does not answer on port " + port + ": " + e);
            return false;
        }
    }

    /** {@link System#exit}, bounded: a shutdown hook that hangs must not keep a failed node up. */
    private static void exit(int status) {
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(EXIT_TIMEOUT.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(status);
                },
                "presence-exit");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }
}
