package io.presence.core.errors;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A resource event names an action its type's plugin does not declare (HTTP 422). */
public class UnknownActionException extends PresenceException {

    public UnknownActionException(String type, String action, Set<String> known) {
        super(
                422,
                "unknown_action",
                "'" + action + "' is not an action of " + type + "; its plugin declares "
                        + List.copyOf(new java.util.TreeSet<>(known)),
                Map.of(
                        "resource_type",
                        type,
                        "action",
                        action,
                        "actions",
                        List.copyOf(new java.util.TreeSet<>(known))));
    }
}
