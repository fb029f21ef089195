package io.presence.infrastructure.redis;

import io.presence.api.model.Mode;
import io.presence.api.model.TabPresence;
import java.time.Instant;

/**
 * The compact form of a tab in Redis, about 30 bytes plus the node, user id and user name:
 * {@code expires US lastSeenBefore US node US userId US mode US field US userName}, where US is the
 * ASCII unit separator (no validated input contains it). {@code expires} is the expiry in epoch
 * milliseconds and {@code lastSeenBefore} how many milliseconds the last heartbeat came before it, both
 * in base 36 (8 and usually 4 characters instead of 13 and 13); {@code mode} is {@code v} or {@code e},
 * upper case when the tab holds unsaved changes. Everything from {@code userId} on is what watchers
 * see; the scripts compare that part to tell an update from a mere refresh. The user name comes last
 * so it may contain anything else.
 *
 * <p>Short values matter beyond their own bytes: Redis keeps a record's hash as one compact listpack
 * only while every value is at most {@code hash-max-listpack-value} bytes (64 by default).
 */
final class TabCodec {

    static final char SEPARATOR = '\u001f';
    private static final String SEP = String.valueOf(SEPARATOR);

    private TabCodec() {}

    static String encode(TabPresence tab) {
        long expires = tab.expiresAt().toEpochMilli();
        return Long.toString(expires, 36)
                + SEP
                + Long.toString(expires - tab.lastSeen().toEpochMilli(), 36)
                + SEP
                + tab.node()
                + SEP
                + ownerPrefix(tab.userId())
                + mode(tab)
                + SEP
                + (tab.activeField() == null ? "" : tab.activeField())
                + SEP
                + tab.userName();
    }

    /** An expiry as the scripts compare it: epoch milliseconds in base 36. */
    static String expiry(Instant expiresAt) {
        return Long.toString(expiresAt.toEpochMilli(), 36);
    }

    /** The start of the visible part of every tab {@code userId} owns. */
    static String ownerPrefix(String userId) {
        return userId + SEP;
    }

    static TabPresence decode(String tabId, String value) {
        String[] f = value.split(SEP, 7);
        if (f.length != 7 || f[4].length() != 1) {
            throw new IllegalArgumentException("malformed tab value for " + tabId);
        }
        long expires = Long.parseLong(f[0], 36);
        char mode = f[4].charAt(0);
        return new TabPresence(
                tabId,
                f[3],
                f[6],
                Character.toLowerCase(mode) == 'e' ? Mode.EDIT : Mode.VIEW,
                Character.isUpperCase(mode),
                f[5].isEmpty() ? null : f[5],
                Instant.ofEpochMilli(expires - Long.parseLong(f[1], 36)),
                Instant.ofEpochMilli(expires),
                f[2]);
    }

    private static char mode(TabPresence tab) {
        char mode = tab.mode() == Mode.EDIT ? 'e' : 'v';
        return tab.dirty() ? Character.toUpperCase(mode) : mode;
    }
}
