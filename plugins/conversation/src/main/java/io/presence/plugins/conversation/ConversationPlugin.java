package io.presence.plugins.conversation;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.List;

/**
 * Conversations (chats) of seed 003: only their participants know they exist. The domain application
 * registers the participants with {@code PUT /api/v1/conversations/{id}/participants}; the platform
 * hands them in as {@link ResourceFacts#participants()}. A conversation without registered
 * participants is visible to nobody, so a forgotten registration fails closed.
 */
public final class ConversationPlugin implements ResourcePlugin {

    /** The type name; the participants endpoint is bound to it. */
    public static final String TYPE = "conversation";

    static final ResourceType CONVERSATION = ResourceType.of(
            TYPE, "[A-Za-z0-9][A-Za-z0-9._-]{0,127}", "created", "updated", "deleted", "message_created");

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(CONVERSATION);
    }

    @Override
    public boolean canSee(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return facts.participants().contains(caller.userId());
    }

    @Override
    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return canSee(caller, ref, facts);
    }
}
