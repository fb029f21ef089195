package io.presence.core.errors;

/** The request body could not be parsed at all (HTTP 400). */
public class MalformedRequestException extends PresenceException {

    public MalformedRequestException(String message) {
        super(400, "malformed_request", message);
    }
}
