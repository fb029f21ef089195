package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of user status and typing. Logged once at start-up.
 *
 * <p>Relations: REST devices report every third of the timeout, and WebSocket devices are refreshed by
 * their node as often, so the timeout must stay well above the minimum interval between reports (the
 * default 90 s against 5 s); the typing TTL is independent of both.
 */
@ApplicationScoped
public class StatusSettings {

    private static final Logger LOG = Logger.getLogger(StatusSettings.class.getName());

    /** Seconds a device lives after its last report (REST) or refresh (WebSocket); default 90. */
    @Inject
    @ConfigProperty(name = "presence.status.timeout-seconds", defaultValue = "90")
    long timeoutSeconds;

    /** The least time between two status reports of one user, in ms (default 5000); 0 turns it off. */
    @Inject
    @ConfigProperty(name = "presence.status.min-interval-ms", defaultValue = "5000")
    long minIntervalMs;

    /** Days a user stays known after they were last seen (default 30). */
    @Inject
    @ConfigProperty(name = "presence.status.retention-days", defaultValue = "30")
    long retentionDays;

    /** Seconds typing lasts after the last {@code is_typing: true} (default 5). */
    @Inject
    @ConfigProperty(name = "presence.typing.ttl-seconds", defaultValue = "5")
    long typingTtlSeconds;

    @PostConstruct
    void log() {
        if (timeoutSeconds < 1 || retentionDays < 1 || typingTtlSeconds < 1 || minIntervalMs < 0) {
            throw new IllegalStateException("presence.status.timeout-seconds, presence.status.retention-days and "
                    + "presence.typing.ttl-seconds must be at least 1, presence.status.min-interval-ms at least 0");
        }
        LOG.info(() -> "status settings: presence.status.timeout-seconds=" + timeoutSeconds
                + ", presence.status.min-interval-ms=" + minIntervalMs
                + ", presence.status.retention-days=" + retentionDays
                + ", presence.typing.ttl-seconds=" + typingTtlSeconds);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    public Duration minInterval() {
        return Duration.ofMillis(minIntervalMs);
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    public Duration typingTtl() {
        return Duration.ofSeconds(typingTtlSeconds);
    }

    /** Settings without a container, for tests and tools. */
    public static StatusSettings of(Duration timeout, Duration minInterval, Duration retention, Duration typingTtl) {
        StatusSettings settings = new StatusSettings();
        settings.timeoutSeconds = timeout.toSeconds();
        settings.minIntervalMs = minInterval.toMillis();
        settings.retentionDays = retention.toDays();
        settings.typingTtlSeconds = typingTtl.toSeconds();
        return settings;
    }
}
