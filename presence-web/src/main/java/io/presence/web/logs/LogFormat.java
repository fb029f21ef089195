package io.presence.web.logs;

import io.presence.core.config.RealtimeSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@code presence.log.format} as the application starts, before the other start-up work logs:
 * {@code text} (the default) leaves the server's format alone, {@code json} gives every handler of the
 * root logger a {@link JsonLogFormatter}. Lines the server logged before the application started stay
 * in the server's format. Any other value stops the start with the key named.
 */
@ApplicationScoped
public class LogFormat {

    private static final Logger LOG = Logger.getLogger(LogFormat.class.getName());

    @Inject
    @ConfigProperty(name = "presence.log.format", defaultValue = "text")
    String format;

    @Inject
    RealtimeSettings realtime;

    void apply(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object started) {
        String chosen = format.trim().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "text" -> LOG.info("presence.log.format=text: the server's own log format");
            case "json" -> {
                Handler[] handlers = Logger.getLogger("").getHandlers();
                for (Handler handler : handlers) {
                    handler.setFormatter(new JsonLogFormatter(realtime.nodeId()));
                }
                LOG.info(() ->
                        "presence.log.format=json: " + handlers.length + " log handlers write one JSON object a line");
            }
            default ->
                throw new IllegalStateException("presence.log.format must be text or json, not '" + format + "'");
        }
    }
}
