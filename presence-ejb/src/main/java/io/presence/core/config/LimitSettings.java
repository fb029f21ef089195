package io.presence.core.config;

import io.presence.core.limits.Caps;
import io.presence.core.limits.Rate;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of the rate limits and caps (docs/configuration.md, "Rate limits", "Caps"). Logged once at start-up; a
 * value out of range stops the start with the key named.
 *
 * <p>Relations: the REST limit grants {@code presence.rate-limit.api.requests} at once and then one
 * every window / requests (0.3 s by default); a browser tab on REST polls every 10 s and heartbeats every
 * 30 s, about 8 requests a minute. The WebSocket limit grants {@code presence.rate-limit.ws.burst}
 * messages at once and then {@code messages-per-second}; a connection whose refused messages exceed
 * {@code max-refused} within a minute is closed.
 */
@ApplicationScoped
public class LimitSettings {

    private static final Logger LOG = Logger.getLogger(LimitSettings.class.getName());

    /** REST requests a user may make per window in one tenant, across all nodes; 0: no limit (default 200). */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.api.requests", defaultValue = "200")
    int apiRequests;

    /** The window of {@code presence.rate-limit.api.requests}, in seconds (default 60). */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.api.window-seconds", defaultValue = "60")
    int apiWindowSeconds;

    /**
     * REST requests per window of a caller in the publisher group (domain applications, not people);
     * 0: no limit (the default).
     */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.api.publisher-requests", defaultValue = "0")
    int publisherRequests;

    /** Messages per second a WebSocket connection may send; 0: no limit (default 20). */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.ws.messages-per-second", defaultValue = "20")
    int wsMessagesPerSecond;

    /** Messages a WebSocket connection that was quiet may send at once (default 40). */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.ws.burst", defaultValue = "40")
    int wsBurst;

    /** Refused messages within a minute after which a WebSocket connection is closed (default 50). */
    @Inject
    @ConfigProperty(name = "presence.rate-limit.ws.max-refused", defaultValue = "50")
    int wsMaxRefused;

    /** Subscriptions one WebSocket connection may hold; 0: no cap (default 200). */
    @Inject
    @ConfigProperty(name = "presence.limits.connection-subscriptions", defaultValue = "200")
    int connectionSubscriptions;

    /** Tabs one WebSocket connection may be; 0: no cap (default 100). */
    @Inject
    @ConfigProperty(name = "presence.limits.connection-tabs", defaultValue = "100")
    int connectionTabs;

    /** Live tabs one user may have on one record, REST and WebSocket; 0: no cap (default 50). */
    @Inject
    @ConfigProperty(name = "presence.limits.user-tabs-per-record", defaultValue = "50")
    int userTabsPerRecord;

    /** WebSocket connections one user may hold on one node; 0: no cap (default 100). */
    @Inject
    @ConfigProperty(name = "presence.limits.user-connections", defaultValue = "100")
    int userConnections;

    private Caps caps;
    private Optional<Rate> apiRate;
    private Optional<Rate> publisherRate;
    private Optional<Rate> messageRate;
    private Rate refusalRate;

    @PostConstruct
    void resolve() {
        Duration window = Duration.ofSeconds(atLeast("presence.rate-limit.api.window-seconds", apiWindowSeconds, 1));
        apiRate = rate("presence.rate-limit.api.requests", apiRequests, window, apiRequests);
        publisherRate =
                rate("presence.rate-limit.api.publisher-requests", publisherRequests, window, publisherRequests);
        messageRate = rate(
                "presence.rate-limit.ws.messages-per-second",
                wsMessagesPerSecond,
                Duration.ofSeconds(1),
                atLeast("presence.rate-limit.ws.burst", wsBurst, 1));
        refusalRate = rate(
                        "presence.rate-limit.ws.max-refused",
                        atLeast("presence.rate-limit.ws.max-refused", wsMaxRefused, 1),
                        Duration.ofMinutes(1),
                        wsMaxRefused)
                .orElseThrow();
        caps = new Caps(
                atLeast("presence.limits.connection-subscriptions", connectionSubscriptions, 0),
                atLeast("presence.limits.connection-tabs", connectionTabs, 0),
                atLeast("presence.limits.user-tabs-per-record", userTabsPerRecord, 0),
                atLeast("presence.limits.user-connections", userConnections, 0));
        LOG.info(() -> "Presence caps: presence.limits.connection-subscriptions=" + describe(connectionSubscriptions)
                + ", presence.limits.connection-tabs=" + describe(connectionTabs)
                + ", presence.limits.user-tabs-per-record=" + describe(userTabsPerRecord)
                + ", presence.limits.user-connections=" + describe(userConnections));
        LOG.info(() -> "Presence rate limits: presence.rate-limit.api.requests=" + describe(apiRequests)
                + " per presence.rate-limit.api.window-seconds=" + apiWindowSeconds
                + ", presence.rate-limit.api.publisher-requests=" + describe(publisherRequests)
                + ", presence.rate-limit.ws.messages-per-second=" + describe(wsMessagesPerSecond)
                + ", presence.rate-limit.ws.burst=" + wsBurst + ", presence.rate-limit.ws.max-refused="
                + wsMaxRefused);
    }

    /** {@code permits} per {@code period} with {@code burst}; empty for 0 permits (no limit). */
    private static Optional<Rate> rate(String key, int permits, Duration period, int burst) {
        if (atLeast(key, permits, 0) == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Rate(permits, period, burst));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    /** Resolves (and so checks and logs) the settings as the application starts, not on the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's call made the bean, which ran resolve()
    }

    private static int atLeast(String key, int value, int least) {
        if (value < least) {
            throw new IllegalStateException(key + " must be at least " + least + ", not " + value);
        }
        return value;
    }

    private static String describe(int permits) {
        return permits == 0 ? "0 (no limit)" : String.valueOf(permits);
    }

    /** How much one client may hold. */
    public Caps caps() {
        return caps;
    }

    /** The REST limit of a user; empty when there is none. */
    public Optional<Rate> apiRate() {
        return apiRate;
    }

    /** The REST limit of a caller in the publisher group; empty when there is none. */
    public Optional<Rate> publisherRate() {
        return publisherRate;
    }

    /** The message limit of a WebSocket connection; empty when there is none. */
    public Optional<Rate> messageRate() {
        return messageRate;
    }

    /** How many refused messages a WebSocket connection may have per minute before it is closed. */
    public Rate refusalRate() {
        return refusalRate;
    }
}
