package io.presence.web.seed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.web.ApiClient;
import io.presence.web.browser.PresenceServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Payara Micro node in development mode on {@link #PORT}, serving the WAR at {@code /} and the test
 * pages at {@code /seed-pages} (same origin, as the seeds' pages are with their API), started by the
 * first test class that needs it and stopped when the run ends, with a WebSocket listener of its own on
 * {@link #WS_PORT}. {@code https://erp.example.test} is an allowed origin. Skips the class when the pages were not built (npm left out).
 */
public final class SeedClientsNode implements BeforeAllCallback {

    public static final int PORT = 18370;
    /** The origin of the node's own pages. */
    public static final String ORIGIN = "http://127.0.0.1:" + PORT;
    /** The node's WebSocket listener of its own ({@code presence.ws.port}). */
    public static final int WS_PORT = 18376;
    /** An origin listed in {@code presence.cors.allowed-origins}. */
    public static final String ALLOWED_ORIGIN = "https://erp.example.test";

    static final Path PAGES = Path.of(System.getProperty("presence.seedPages", "target/seed-pages"));

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(
                Files.isDirectory(PAGES.resolve("WEB-INF")),
                "seed client tests skipped: " + PAGES + " was not built (npm run check, part of mvn verify)");
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SeedClientsNode.class, key -> start(), PresenceServer.class);
    }

    /** A REST client of the node. */
    public static ApiClient api() {
        return new ApiClient(URI.create(ORIGIN + "/"));
    }

    private static PresenceServer start() {
        try {
            return PresenceServer.start(
                    PORT,
                    Map.of(
                            "presence.cors.allowed-origins",
                            ALLOWED_ORIGIN,
                            "presence.ws.port",
                            String.valueOf(WS_PORT)),
                    List.of(PAGES.toAbsolutePath() + ":/seed-pages"));
        } catch (Exception e) {
            throw new IllegalStateException("could not start Payara Micro on port " + PORT, e);
        }
    }
}
