package io.presence.core.records;

import java.time.Instant;

/**
 * The record's lifecycle as watchers see it: its version, and whether a back-end process is changing
 * it ({@code stale}) and who ({@code busyBy}), until the change completes or the safety TTL lapses at
 * {@code staleUntil}.
 *
 * @param version how many completed changes the record has seen (0 for a record never changed)
 * @param busyBy who is changing it; null when not stale
 * @param staleUntil when the stale flag lapses by itself; null when not stale
 */
public record Lifecycle(long version, String busyBy, Instant staleUntil) {

    public static final Lifecycle NONE = new Lifecycle(0, null, null);

    public boolean stale() {
        return staleUntil != null;
    }

    /** This lifecycle as seen at {@code now}: a lapsed stale flag is gone. */
    public Lifecycle at(Instant now) {
        return staleUntil != null && !staleUntil.isAfter(now) ? new Lifecycle(version, null, null) : this;
    }
}
