package io.presence.core.status;

import java.time.Instant;
import java.util.List;

/**
 * A user as one requester sees them: status, last-seen time, and the conversations the requester may
 * see in which the user is typing.
 */
public record UserPresence(String userId, Status status, Instant lastSeen, List<String> typingIn) {

    public UserPresence {
        typingIn = List.copyOf(typingIn);
    }

    /** Whether the user types in a conversation shared with the requester. */
    public boolean typing() {
        return !typingIn.isEmpty();
    }
}
