package io.presence.infrastructure.redis;

import io.presence.api.model.Mode;
import io.presence.api.model.TabPresence;
import java.time.Instant;

/**
 * The compact form of a tab in Redis, about 60 bytes plus the names:
 * {@code expiresMs US lastSeenMs US node US userId US mode US dirty US field US userName}, where US is
 * the ASCII unit separator (no validated input contains it). Everything from {@code userId} on is what
 * watchers see; the scripts compare that part to tell an update from a mere refresh. The user name
 * comes last so it may contain anything else.
 */
final class TabCodec {

    static final char SEPARATOR = '\u001f';
    private static final String SEP = String.valueOf(SEPARATOR);

    private TabCodec() {}

    static String encode(TabPresence tab) {
        return tab.expiresAt().toEpochMilli()
                + SEP
                + tab.lastSeen().toEpochMilli()
                + SEP
                + tab.node()
                + SEP
                + ownerPrefix(tab.userId())
                + (tab.mode() == Mode.EDIT ? "e" : "v")
                + SEP
                + (tab.dirty() ? "1" : "0")
                + SEP
                + (tab.activeField() == null ? "" : tab.activeField())
                + SEP
                + tab.userName();
    }

    /** The start of the visible part of every tab {@code userId} owns. */
    static String ownerPrefix(String userId) {
        return userId + SEP;
    }

    static TabPresence decode(String tabId, String value) {
        String[] f = value.split(SEP, 8);
        if (f.length != 8) {
            throw new IllegalArgumentException("malformed tab value for " + tabId);
        }
        return new TabPresence(
                tabId,
                f[3],
                f[7],
                "e".equals(f[4]) ? Mode.EDIT : Mode.VIEW,
                "1".equals(f[5]),
                f[6].isEmpty() ? null : f[6],
                Instant.ofEpochMilli(Long.parseLong(f[1])),
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                f[2]);
    }
}
