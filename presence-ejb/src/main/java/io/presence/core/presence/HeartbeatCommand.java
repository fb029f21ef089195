package io.presence.core.presence;

import io.presence.api.model.Mode;

/** What a tab reports in a heartbeat; who sends it comes from the token, never from here. */
public record HeartbeatCommand(String tabId, Mode mode, boolean dirty, String activeField) {}
