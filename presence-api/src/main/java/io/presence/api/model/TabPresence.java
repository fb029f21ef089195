package io.presence.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One browser tab (or WebSocket connection) that has a record open.
 *
 * <p>A tab is identified by its {@code tabId} within the record; a heartbeat with the same tab id is
 * the same tab. {@code expiresAt} is when it disappears unless it heartbeats again; {@code node} is
 * the server node that holds its connection ({@code ""} for tabs that report over REST).
 */
public record TabPresence(
        String tabId,
        String userId,
        String userName,
        Mode mode,
        boolean dirty,
        String activeField,
        Instant lastSeen,
        Instant expiresAt,
        String node) {

    public TabPresence {
        Objects.requireNonNull(tabId, "tabId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(expiresAt, "expiresAt");
        node = node == null ? "" : node;
    }

    /** True when the tab edits: its mode is edit or it holds unsaved changes. */
    public boolean editing() {
        return mode == Mode.EDIT || dirty;
    }

    /**
     * True when what others see of this tab differs from {@code other}: mode, dirty flag or active
     * field. A heartbeat that only moves {@code lastSeen} is not a change worth a diff.
     */
    public boolean visiblyDiffersFrom(TabPresence other) {
        return other == null
                || mode != other.mode
                || dirty != other.dirty
                || !Objects.equals(activeField, other.activeField)
                || !userName.equals(other.userName);
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
