package io.presence.core.errors;

/**
 * An event could not be queued for the nodes to apply (the lifecycle topic does not answer); nothing
 * took effect, and publishing the same event again is safe (HTTP 503).
 */
public class EventQueueUnavailableException extends PresenceException {

    public EventQueueUnavailableException(String message, Throwable cause) {
        super(503, "event_queue_unavailable", message, java.util.Map.of(), cause);
    }
}
