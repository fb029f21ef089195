package io.presence.core.errors;

import java.util.Map;

/** The caller is known but may not do this, e.g. act in a tenant its token does not grant (HTTP 403). */
public class ForbiddenException extends PresenceException {

    public ForbiddenException(String code, String message) {
        super(403, code, message);
    }

    public ForbiddenException(String code, String message, Map<String, Object> details) {
        super(403, code, message, details);
    }
}
