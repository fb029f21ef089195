package io.presence.core.status;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who is typing in which conversation, until when: in this process or in Redis, as the
 * {@link StatusStore}.
 *
 * <p>Contract, verified by one suite on every implementation: each operation is atomic per user; a
 * start (typing where it was not) and a stop (an explicit one of a typing user, or an expiry found by
 * {@link #sweep}) each emit one {@link TypingChanged} to every listener once, in order per user; a
 * refresh of a typing user emits nothing; reads leave out typing that expired, even before the sweep.
 */
public interface TypingStore extends AutoCloseable {

    /**
     * The user types in the conversation until {@code until}, or stops now when {@code until} is null.
     *
     * @return whether watchers' view changed (a start, or a stop of a user who was typing)
     */
    boolean typing(UserRef user, String conversationId, Instant until, Instant now);

    /** Per user of {@code userIds} who types: the conversations and until when; others are left out. */
    Map<String, Map<String, Instant>> typingIn(String tenant, Collection<String> userIds, Instant now);

    /** Removes about {@code limit} typings that expired by {@code now}, emitting their stops. */
    int sweep(Instant now, int limit);

    /** Registers a listener for the typing changes of every user, from any node. */
    void addTypingListener(Consumer<TypingChanged> listener);

    @Override
    default void close() {}
}
