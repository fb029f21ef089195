package io.presence.core.errors;

import java.util.Map;

/** A heartbeat or unregister names a tab that belongs to another user (HTTP 409). */
public class TabOwnedByOtherUserException extends PresenceException {

    public TabOwnedByOtherUserException(String tabId) {
        super(409, "tab_owned_by_other_user", "tab '" + tabId + "' belongs to another user", Map.of("tab_id", tabId));
    }
}
