package io.presence.web.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a request body declared in a charset other than UTF-8 with 415 {@code unsupported_charset}
 * naming {@code Content-Type}, before authentication and before anything reads the body. JSON is UTF-8
 * (RFC 8259); without this, a resource that takes its body as a {@code String} would have JAX-RS
 * decode it with whatever the header names, and an unknown name ({@code charset=bogus}) failed there
 * with a 500. A {@code Content-Type} without a charset, or with UTF-8 (or its subset US-ASCII), passes.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class BodyCharsetFilter implements ContainerRequestFilter {

    private static final Set<Charset> ACCEPTED = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII);

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || !header.toLowerCase(Locale.ROOT).contains("charset")) {
            return;
        }
        String charset;
        try {
            charset = MediaType.valueOf(header).getParameters().get(MediaType.CHARSET_PARAMETER);
        } catch (IllegalArgumentException e) {
            request.abortWith(Envelope.error(
                    400,
                    "malformed_request",
                    "Content-Type: is not a media type",
                    Map.of("field", HttpHeaders.CONTENT_TYPE)));
            return;
        }
        if (charset != null && !accepted(charset)) {
            String shown = charset.length() > 40 ? charset.substring(0, 40) + "…" : charset;
            request.abortWith(Envelope.error(
                    415,
                    "unsupported_charset",
                    "Content-Type: charset '" + shown.replaceAll("\\p{Cntrl}", "?")
                            + "' is not accepted; send the body in UTF-8",
                    Map.of("field", HttpHeaders.CONTENT_TYPE)));
        }
    }

    private static boolean accepted(String charset) {
        try {
            return ACCEPTED.contains(Charset.forName(charset.trim()));
        } catch (IllegalArgumentException e) {
            return false; // an illegal or unknown name
        }
    }
}
