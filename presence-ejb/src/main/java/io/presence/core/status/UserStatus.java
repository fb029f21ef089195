package io.presence.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's aggregate status as the store keeps it.
 *
 * @param lastSeen when any of the user's devices was last heard from (kept after the user went offline)
 * @param version counts the changes of {@code status}: each one is one more, so that a watcher can
 *     tell a change it already has from a newer one, and a gap from the next
 */
public record UserStatus(String userId, Status status, Instant lastSeen, long version) {

    public UserStatus {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
