package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The resolved settings of this node. Logged once at start-up (secrets masked) so an operator can see
 * what the node actually runs with.
 */
@ApplicationScoped
public class PresenceSettings {

    private static final Logger LOG = Logger.getLogger(PresenceSettings.class.getName());

    /** {@code memory} (one node, the default) or {@code redis} (shared by all nodes). */
    @Inject
    @ConfigProperty(name = "presence.store", defaultValue = "memory")
    String store;

    /** Redis URL, e.g. {@code redis://127.0.0.1:6379/0}; required when {@code presence.store=redis}. */
    @Inject
    @ConfigProperty(name = "presence.redis.url", defaultValue = "redis://127.0.0.1:6379")
    String redisUrl;

    /** Seconds a tab stays without a heartbeat; clients heartbeat every third of it (default 90). */
    @Inject
    @ConfigProperty(name = "presence.tab-ttl-seconds", defaultValue = "90")
    int tabTtlSeconds;

    /** How often each node removes expired tabs and emits their leaves, in ms (default 1000). */
    @Inject
    @ConfigProperty(name = "presence.sweep-interval-ms", defaultValue = "1000")
    long sweepIntervalMs;

    /** Plugin class names or type names allowed to load; empty: all found plugins. */
    @Inject
    @ConfigProperty(name = "presence.plugins.enabled")
    Optional<String> pluginsEnabled;

    /**
     * Web origins whose pages may call this node from the browser (CORS), comma-separated, e.g.
     * {@code https://erp.example.com}; {@code *} for any origin. Empty (the default): same origin only.
     */
    @Inject
    @ConfigProperty(name = "presence.cors.allowed-origins")
    Optional<String> corsAllowedOrigins;

    private List<String> allowedOrigins = List.of();

    @PostConstruct
    void log() {
        allowedOrigins = corsAllowedOrigins
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                        .filter(origin -> !origin.isEmpty())
                        .toList())
                .orElse(List.of());
        LOG.info(() -> "Presence settings: presence.store=" + store
                + (isRedis() ? ", presence.redis.url=" + maskedRedisUrl() : "")
                + ", presence.tab-ttl-seconds=" + tabTtlSeconds
                + ", presence.sweep-interval-ms=" + sweepIntervalMs
                + ", presence.plugins.enabled=" + pluginsEnabled.orElse("(all)")
                + ", presence.cors.allowed-origins="
                + (allowedOrigins.isEmpty() ? "(same origin only)" : allowedOrigins));
    }

    public boolean isRedis() {
        return "redis".equalsIgnoreCase(store.trim());
    }

    public String store() {
        return store.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String redisUrl() {
        return redisUrl;
    }

    public Duration tabTtl() {
        return Duration.ofSeconds(tabTtlSeconds);
    }

    public Duration sweepInterval() {
        return Duration.ofMillis(sweepIntervalMs);
    }

    public Optional<List<String>> pluginsEnabled() {
        return pluginsEnabled
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .toList())
                .filter(list -> !list.isEmpty());
    }

    /**
     * Whether a page of {@code origin} (the browser's {@code Origin} header, e.g.
     * {@code https://erp.example.com}) may call this node; origins compare exactly, as browsers send them.
     */
    public boolean corsAllows(String origin) {
        return !allowedOrigins.isEmpty() && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }

    /**
     * Whether {@code origin} is named in {@code presence.cors.allowed-origins} itself, not only admitted
     * by {@code *}: the test for requests that a browser authenticates with a cookie, which any site's
     * page can make it send.
     */
    public boolean corsNames(String origin) {
        return allowedOrigins.contains(origin);
    }

    private String maskedRedisUrl() {
        return redisUrl.replaceAll("//[^@/]*@", "//***@");
    }
}
