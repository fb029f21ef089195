package io.presence.core.presence;

/** What a heartbeat did to the record's presence. */
public enum HeartbeatOutcome {
    /** A new tab: watchers got a join. */
    JOINED,
    /** The tab's mode, dirty flag, active field or user name changed: watchers got an update. */
    UPDATED,
    /** Only the tab's expiry moved: watchers got nothing. */
    REFRESHED
}
