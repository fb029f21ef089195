package io.presence.web.rest;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The CORS answer of this node, shared by the API's filter ({@link CorsApiFilter}) and the filter of
 * the client's modules ({@link CorsModulesFilter}). No credentials are allowed: the token travels in
 * a header, not a cookie.
 */
final class Cors {

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";

    /** How long a browser may reuse a preflight's answer, in seconds. */
    static final String PREFLIGHT_MAX_AGE = "600";

    private static final List<String> ALLOWED_HEADERS =
            List.of("Authorization", "Content-Type", AuthenticationFilter.TENANT_HEADER);

    private Cors() {}

    /** Headers of an answer beyond the simple ones that a page may read: the rate limit's. */
    private static final String EXPOSED_HEADERS = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id";

    /** The headers every answer to an allowed origin carries. */
    static void allow(String origin, BiConsumer<String, String> header) {
        header.accept("Access-Control-Allow-Origin", origin);
        header.accept("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        header.accept("Vary", ORIGIN);
    }

    /** The headers of a preflight's answer, besides {@link #allow}. */
    static void preflight(BiConsumer<String, String> header) {
        header.accept("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
        header.accept("Access-Control-Allow-Headers", String.join(", ", ALLOWED_HEADERS));
        header.accept("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    }
}
