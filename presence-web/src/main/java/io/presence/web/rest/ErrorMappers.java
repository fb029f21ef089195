package io.presence.web.rest;

import io.presence.core.errors.PresenceException;
import io.presence.core.errors.RateLimitedException;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.metrics.Counters;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Renders every failure in the error envelope; only a bug is a 500, and its details stay in the log. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    /** Our own failures carry their status, code and details; a rate limit also says when to retry. */
    @Provider
    public static class PresenceExceptionMapper implements ExceptionMapper<PresenceException> {

        @Inject
        Counters counters;

        @Override
        public Response toResponse(PresenceException e) {
            if (e instanceof StoreUnavailableException) {
                counters.increment(Counters.STORE_UNAVAILABLE, Map.of("channel", "rest"));
            }
            Response response = Envelope.error(e.status(), e.code(), e.getMessage(), e.details());
            if (e instanceof RateLimitedException limited) {
                return Response.fromResponse(response)
                        .header("Retry-After", limited.retryAfterSeconds())
                        .build();
            }
            return response;
        }
    }

    /** The container's own 404, 405, 415 and similar answers. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            if (status.getStatusCode() >= 500) {
                LOG.log(Level.SEVERE, "request failed", e);
            }
            String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_");
            return Envelope.error(status.getStatusCode(), code, status.getReasonPhrase(), Map.of());
        }
    }

    /** A bug: logged with its stack trace, answered without it. */
    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "unexpected failure", e);
            return Envelope.error(500, "internal_error", "the server failed to process the request", Map.of());
        }
    }
}
