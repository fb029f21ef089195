package io.presence.core.errors;

/** The shared store (Redis) cannot be reached; the request may be retried (HTTP 503). */
public class StoreUnavailableException extends PresenceException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(503, "store_unavailable", message, java.util.Map.of(), cause);
    }
}
