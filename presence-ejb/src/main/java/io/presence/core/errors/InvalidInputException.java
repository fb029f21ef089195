package io.presence.core.errors;

import java.util.Map;

/** A request field is missing or has a value the API does not accept (HTTP 422). */
public class InvalidInputException extends PresenceException {

    public InvalidInputException(String field, String message) {
        super(422, "invalid_field", field + ": " + message, Map.of("field", field));
    }
}
