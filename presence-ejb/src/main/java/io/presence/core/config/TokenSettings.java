package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How bearer tokens are verified (docs/configuration.md, "Tokens"). Logged once at start-up.
 *
 * <p>Relations: with a key configured ({@code presence.jwt.jwks-url} or
 * {@code presence.jwt.public-key-location}) {@code presence.jwt.issuer} is required, and the node
 * refuses to start without it; with neither, the node runs in development mode. A key removed from the
 * JWKS stops being trusted within {@code presence.jwt.jwks-refresh-seconds}.
 */
@ApplicationScoped
public class TokenSettings {

    private static final Logger LOG = Logger.getLogger(TokenSettings.class.getName());

    public static final String PUBLIC_KEY_LOCATION = "presence.jwt.public-key-location";
    public static final String JWKS_URL = "presence.jwt.jwks-url";

    /** PEM public key (file path, classpath: or URL) that verifies tokens. */
    @Inject
    @ConfigProperty(name = PUBLIC_KEY_LOCATION)
    Optional<String> publicKeyLocation;

    /** JWKS URL whose keys verify tokens (chosen by {@code kid}); takes precedence over the PEM key. */
    @Inject
    @ConfigProperty(name = JWKS_URL)
    Optional<String> jwksUrl;

    /** The exact {@code iss} every token must carry; required when a key is configured. */
    @Inject
    @ConfigProperty(name = "presence.jwt.issuer")
    Optional<String> issuer;

    /** Comma-separated audiences; when set, a token's {@code aud} must contain one of them. */
    @Inject
    @ConfigProperty(name = "presence.jwt.audiences")
    Optional<String> audiences;

    /** Comma-separated signature algorithms accepted (default {@code RS256,ES256}); never {@code none} or HMAC. */
    @Inject
    @ConfigProperty(name = "presence.jwt.algorithms", defaultValue = "RS256,ES256")
    String algorithms;

    /** Allowed clock skew when checking {@code exp} and {@code nbf}, in seconds (default 30). */
    @Inject
    @ConfigProperty(name = "presence.jwt.clock-skew-seconds", defaultValue = "30")
    long clockSkewSeconds;

    /** Seconds the JWKS is kept before it is fetched again (default 300). */
    @Inject
    @ConfigProperty(name = "presence.jwt.jwks-refresh-seconds", defaultValue = "300")
    long jwksRefreshSeconds;

    /** Connect and read time-out of a JWKS fetch, in ms (default 5000). */
    @Inject
    @ConfigProperty(name = "presence.jwt.jwks-timeout-ms", defaultValue = "5000")
    int jwksTimeoutMs;

    /** Seconds the last JWKS keeps serving while the endpoint cannot be reached (default 900). */
    @Inject
    @ConfigProperty(name = "presence.jwt.jwks-outage-tolerance-seconds", defaultValue = "900")
    long jwksOutageToleranceSeconds;

    @PostConstruct
    void log() {
        LOG.info(() -> "Token settings: presence.jwt.jwks-url="
                + jwksUrl().map(url -> url.replaceAll("//[^@/]*@", "//***@")).orElse("(none)")
                + ", presence.jwt.public-key-location=" + publicKeyLocation().orElse("(none)")
                + ", presence.jwt.issuer=" + issuer().orElse("(none)")
                + ", presence.jwt.audiences=" + (audiences().isEmpty() ? "(any)" : audiences())
                + ", presence.jwt.algorithms=" + algorithms()
                + ", presence.jwt.clock-skew-seconds=" + clockSkewSeconds
                + ", presence.jwt.jwks-refresh-seconds=" + jwksRefreshSeconds
                + ", presence.jwt.jwks-timeout-ms=" + jwksTimeoutMs
                + ", presence.jwt.jwks-outage-tolerance-seconds=" + jwksOutageToleranceSeconds);
    }

    public Optional<String> publicKeyLocation() {
        return given(publicKeyLocation);
    }

    public Optional<String> jwksUrl() {
        return given(jwksUrl);
    }

    public Optional<String> issuer() {
        return issuer.map(String::trim).filter(s -> !s.isEmpty());
    }

    public Set<String> audiences() {
        return audiences.map(TokenSettings::list).orElse(Set.of());
    }

    public Set<String> algorithms() {
        return list(algorithms);
    }

    public Duration clockSkew() {
        return Duration.ofSeconds(clockSkewSeconds);
    }

    public Duration jwksRefresh() {
        return Duration.ofSeconds(Math.max(1, jwksRefreshSeconds));
    }

    public Duration jwksTimeout() {
        return Duration.ofMillis(Math.max(1, jwksTimeoutMs));
    }

    public Duration jwksOutageTolerance() {
        return Duration.ofSeconds(Math.max(0, jwksOutageToleranceSeconds));
    }

    /** True when tokens are verified with a configured key rather than the generated development key. */
    public boolean hasConfiguredKey() {
        return publicKeyLocation().isPresent() || jwksUrl().isPresent();
    }

    /**
     * {@link #hasConfiguredKey()} read from {@code config} directly, for code that the container creates
     * outside CDI (the OpenAPI document's filter).
     */
    public static boolean hasConfiguredKey(Config config) {
        return given(config.getOptionalValue(PUBLIC_KEY_LOCATION, String.class)).isPresent()
                || given(config.getOptionalValue(JWKS_URL, String.class)).isPresent();
    }

    /** A setting counts only when it holds more than blanks. */
    private static Optional<String> given(Optional<String> value) {
        return value.map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Set<String> list(String value) {
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(result::add);
        return Set.copyOf(result);
    }
}
