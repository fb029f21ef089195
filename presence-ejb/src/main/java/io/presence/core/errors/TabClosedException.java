package io.presence.core.errors;

import java.util.Map;

/**
 * A heartbeat for a tab whose page closed (the page-close unregister) arrived after the close: it was
 * sent before the page went away and must not bring the tab back (HTTP 409). A page that is shown again
 * joins with a new tab id.
 */
public class TabClosedException extends PresenceException {

    public TabClosedException(String tabId) {
        super(
                409,
                "tab_closed",
                "tab '" + tabId + "' was closed when its page went away; a page shown again joins with a new tab id",
                Map.of("tab_id", tabId));
    }
}
