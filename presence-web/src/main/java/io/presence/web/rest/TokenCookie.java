package io.presence.web.rest;

import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The token cookie ({@code presence.auth.cookie-name}, default {@code presence_token}): how pages of an
 * application that keeps its users signed in with a cookie reach Presence without handling a token in
 * script. The REST API, {@code /api/v1/ws} and {@code /ws/presence} accept it when a request carries no
 * token of its own.
 *
 * <p>A browser sends cookies with requests that another site's page starts, so a request authenticated
 * by the cookie alone is guarded: a state-changing REST call must carry a non-empty {@link #CSRF_HEADER}
 * (a custom header, which a page of another origin can only send after a CORS preflight this node
 * answers for its allowed origins alone), and a WebSocket handshake must come from this node's own
 * origin or one listed in {@code presence.cors.allowed-origins}.
 */
public final class TokenCookie {

    /** The header a cookie-authenticated POST, PUT or DELETE must carry (any non-empty value). */
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";

    private TokenCookie() {}

    /** The configured cookie name. */
    public static String name() {
        return ConfigProvider.getConfig()
                .getOptionalValue("presence.auth.cookie-name", String.class)
                .filter(name -> !name.isBlank())
                .orElse("presence_token");
    }

    /** The token cookie's value in {@code Cookie} headers, or null when there is none. */
    public static String value(List<String> cookieHeaders) {
        return value(cookieHeaders, name());
    }

    /** The value of cookie {@code name} in {@code Cookie} headers, or null. */
    static String value(List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    /**
     * Whether a WebSocket handshake authenticated by the cookie may proceed: a browser always sends the
     * page's {@code Origin}, which must be this node's own (its host and port are the {@code Host}
     * header's) or one {@code named} in the allowed origins. A client without an {@code Origin} is no
     * browser and cannot be made to send someone else's cookie.
     */
    public static boolean originAllowed(String origin, String host, Predicate<String> named) {
        if (origin == null) {
            return true;
        }
        int scheme = origin.indexOf("://");
        String authority = scheme < 0 ? origin : origin.substring(scheme + 3);
        return (host != null && authority.equalsIgnoreCase(host.trim())) || named.test(origin);
    }

    /** Whether an HTTP method changes state, and so needs {@link #CSRF_HEADER} when authenticated by cookie. */
    public static boolean changesState(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }
}
