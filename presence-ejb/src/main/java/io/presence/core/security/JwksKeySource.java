package io.presence.core.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Keys from the identity provider's JWKS endpoint, through Nimbus's {@link JWKSourceBuilder}: the set
 * is cached for the refresh period and fetched again after it, so a key removed from the set stops
 * being trusted within that period; a token naming an unknown {@code kid} (key rotation) fetches it at
 * once, rate-limited so that forged kids cannot hammer the provider; while the endpoint is down the last
 * set serves for the outage tolerance. Keys marked {@code "use":"enc"} never verify a signature.
 *
 * <p>The URL must be HTTPS, except on the loopback interface (a provider on the same host, or a test).
 */
final class JwksKeySource {

    /** The most a JWKS may weigh: a few dozen keys fit in far less. */
    private static final int SIZE_LIMIT = 512 * 1024;

    private static final Duration MAX_RATE_LIMIT = Duration.ofSeconds(30);

    private JwksKeySource() {}

    static JWKSource<SecurityContext> open(String url, Duration refresh, Duration timeout, Duration outageTolerance) {
        URL location = checked(url);
        int timeoutMs = (int) timeout.toMillis();
        long ttl = refresh.toMillis();
        // The rate limit applies to every fetch, so it must leave room for the scheduled ones.
        long rateLimit = Math.min(MAX_RATE_LIMIT.toMillis(), ttl / 2);
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.create(
                        location, new DefaultResourceRetriever(timeoutMs, timeoutMs, SIZE_LIMIT))
                .cache(ttl, timeoutMs + 1000L)
                .refreshAheadCache(false)
                .rateLimited(rateLimit)
                .retrying(true);
        return (outageTolerance.isZero()
                        ? builder.outageTolerant(false)
                        : builder.outageTolerant(Math.max(outageTolerance.toMillis(), ttl + 1)))
                .build();
    }

    /** The URL, if it is HTTPS or plain HTTP to a loopback address; otherwise the node does not start. */
    static URL checked(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("presence.jwt.jwks-url is not a URL: " + url);
        }
        String scheme = String.valueOf(uri.getScheme());
        boolean allowed = "https".equalsIgnoreCase(scheme)
                || ("http".equalsIgnoreCase(scheme) && uri.getHost() != null && isLoopback(uri.getHost()));
        if (!allowed) {
            throw new IllegalStateException("presence.jwt.jwks-url must be an https:// URL (plain http only to "
                    + "localhost or 127.0.0.1), so that nobody on the network can swap the keys: " + url);
        }
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("presence.jwt.jwks-url is not a URL: " + url, e);
        }
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // only address literals: a name could resolve elsewhere later
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
