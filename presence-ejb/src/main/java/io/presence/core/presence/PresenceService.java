package io.presence.core.presence;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import java.time.Duration;
import java.util.List;

/** Record presence as callers use it, after authentication; access is checked here. */
public interface PresenceService {

    /** Creates or refreshes the caller's tab on a record, as a REST tab (held by no node). */
    HeartbeatOutcome heartbeat(Caller caller, String type, String id, HeartbeatCommand command);

    /**
     * Creates or updates the caller's tab on a record as a tab that {@code node} holds (a WebSocket
     * connection) and that the node keeps refreshing.
     *
     * @return the record and what the heartbeat did
     */
    NodeHeartbeat heartbeat(Caller caller, String type, String id, HeartbeatCommand command, String node);

    /** A node heartbeat's result: the resolved record and the outcome. */
    record NodeHeartbeat(ResourceRef ref, HeartbeatOutcome outcome) {}

    /** Removes the caller's tab at once; false if there was none (already gone or expired). */
    boolean unregister(Caller caller, String type, String id, String tabId);

    /**
     * {@link #unregister} for a tab whose page went away (the page-close beacon): a heartbeat the page
     * sent before it went away may still be on its way, and must not bring the tab back. For
     * {@link #CLOSED_TAB_WINDOW} afterwards the caller's heartbeats for the tab are refused with 409
     * {@code tab_closed}.
     */
    boolean close(Caller caller, String type, String id, String tabId);

    /** How long a tab closed with its page stays closed: far longer than a request can be on its way. */
    Duration CLOSED_TAB_WINDOW = Duration.ofMinutes(1);

    /** The record's viewers per user; the caller is left out unless {@code includeSelf}. */
    RecordViewers viewers(Caller caller, String type, String id, boolean includeSelf);

    /** The record's live tabs, one entry per tab. */
    List<TabPresence> tabs(Caller caller, String type, String id);
}
