package io.presence.core.status;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.StatusSettings;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.participants.ConversationParticipants;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.presence.Inputs;
import io.presence.core.presence.ResourceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Typing in conversations: only a participant types; typing lasts {@code presence.typing.ttl-seconds}
 * after the last start, or until it says it stopped. The store tells watchers of every start and stop.
 */
@ApplicationScoped
public class ConversationTyping {

    @Inject
    TypingStore store;

    @Inject
    ResourceAccess access;

    @Inject
    ParticipantStore participants;

    @Inject
    StatusSettings settings;

    /**
     * What a typing report did.
     *
     * @param until when the typing lapses unless repeated; null once stopped
     */
    public record Outcome(String conversationId, boolean typing, Instant until) {}

    /**
     * The caller types (or stops typing) in a conversation.
     *
     * @throws io.presence.core.errors.NotFoundException 404 when no plugin defines conversations or the
     *     caller may not see this one
     * @throws ForbiddenException 403 {@code not_a_participant} when it may see it without taking part
     */
    public Outcome typing(Caller caller, String conversationId, boolean typing) {
        Inputs.resourceId("conversation_id", conversationId);
        ResourceRef ref = access.visible(caller, ConversationParticipants.TYPE, conversationId);
        if (!participants.participants(ref).contains(caller.userId())) {
            throw new ForbiddenException("not_a_participant", "only a participant of the conversation may type in it");
        }
        Instant now = Instant.now();
        Instant until = typing ? now.plus(settings.typingTtl()) : null;
        store.typing(new UserRef(caller.tenant(), caller.userId()), conversationId, until, now);
        return new Outcome(conversationId, typing, until);
    }
}
