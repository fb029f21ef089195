package io.presence.web.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser test classes one Payara Micro server in development mode (port 18101, WebSocket
 * listener of its own on 18103), started by the
 * first class that needs it and stopped when the test run ends, so that the ~20 s start is paid once.
 * Skips the class, before starting anything, when Chromium is not installed.
 */
final class SharedPresenceServer implements BeforeAllCallback, ParameterResolver {

    static final int PORT = 18101;
    /**
     * An origin that is not the server's own but is allowed to call it ({@code presence.cors.allowed-origins}):
     * the same server by another name, which browsers treat as another site's page.
     */
    static final String OTHER_ORIGIN = "http://localhost:" + PORT;

    /** The server's WebSocket listener of its own ({@code presence.ws.port}). */
    static final int WS_PORT = 18103;

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(
                Files.isExecutable(DemoBrowser.CHROMIUM),
                "browser tests skipped: " + DemoBrowser.CHROMIUM
                        + " is not installed (apt-get install -y chromium chromium-driver; .ci/run installs it)");
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PresenceServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static PresenceServer server(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PresenceServer.class, key -> start(), PresenceServer.class);
    }

    private static PresenceServer start() {
        try {
            return PresenceServer.start(
                    PORT,
                    Map.of("presence.ws.port", String.valueOf(WS_PORT), "presence.cors.allowed-origins", OTHER_ORIGIN));
        } catch (Exception e) {
            throw new IllegalStateException("could not start Payara Micro on port " + PORT, e);
        }
    }
}
