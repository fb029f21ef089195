package io.presence.core.status;

/**
 * A user started or stopped typing in a conversation (stopped: said so, or the typing expired).
 *
 * @param conversationId the id of the conversation, a record of type {@code conversation}
 */
public record TypingChanged(String tenant, String userId, String conversationId, boolean typing) {

    public UserRef user() {
        return new UserRef(tenant, userId);
    }
}
