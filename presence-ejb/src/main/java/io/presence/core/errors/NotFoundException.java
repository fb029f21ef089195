package io.presence.core.errors;

import java.util.Map;

/**
 * The thing asked for does not exist, or the caller may not see it: both answer the same, so that a
 * hidden record cannot be told apart from a missing one (HTTP 404).
 */
public class NotFoundException extends PresenceException {

    public NotFoundException(String code, String message, Map<String, Object> details) {
        super(404, code, message, details);
    }

    public static NotFoundException unknownResourceType(String type) {
        return new NotFoundException(
                "unknown_resource_type",
                "no plugin defines the resource type '" + type + "'",
                Map.of("resource_type", type));
    }

    public static NotFoundException resource(String type, String id) {
        return new NotFoundException(
                "resource_not_found",
                "no " + type + " '" + id + "' is visible to you",
                Map.of("resource_type", type, "resource_id", id));
    }

    /** A user who is not known in the caller's tenant, or whom the caller may not see: the same answer. */
    public static NotFoundException user(String userId) {
        return new NotFoundException(
                "user_not_found", "no user '" + userId + "' is visible to you", Map.of("user_id", userId));
    }
}
