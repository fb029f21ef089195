package io.presence.core.participants;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.AccessChanges;
import io.presence.core.presence.Inputs;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers who takes part in a conversation, on behalf of the domain application
 * ({@code PUT /api/v1/conversations/{id}/participants}). Only publishers (token group
 * {@code presence-publisher}) may do so; the caller need not be a participant itself. The
 * registration replaces the previous list as a whole, in the caller's tenant, and is announced to every
 * node ({@link AccessChanges}): connections of removed participants stop receiving the conversation and
 * those of added ones start, at once.
 */
@ApplicationScoped
public class ConversationParticipants {

    /** The resource type whose participants this service registers. */
    public static final String TYPE = "conversation";
    /** The most participants one conversation may have. */
    public static final int MAX_PARTICIPANTS = 1_000;

    @Inject
    ParticipantStore store;

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    AccessChanges accessChanges;

    /**
     * Replaces the participants of conversation {@code id}.
     *
     * @return the stored participants, sorted
     * @throws io.presence.core.errors.ForbiddenException 403 if the caller is not a publisher
     * @throws NotFoundException 404 if no plugin defines conversations or the id is not one
     * @throws InvalidInputException 422 for a bad id, too many or malformed user ids
     */
    public Set<String> replace(Caller caller, String id, List<String> participants) {
        Publishers.require(caller);
        BoundPlugin bound = registry.require(TYPE);
        Inputs.resourceId(id);
        if (!bound.type().acceptsId(id)) {
            throw NotFoundException.resource(TYPE, id);
        }
        if (participants.size() > MAX_PARTICIPANTS) {
            throw new InvalidInputException("participants", "must list at most " + MAX_PARTICIPANTS + " users");
        }
        Set<String> users = new TreeSet<>();
        for (String user : participants) {
            if (user.isBlank()) {
                throw new InvalidInputException("participants", "must not contain an empty user id");
            }
            users.add(Inputs.userId(user));
        }
        ResourceRef ref = new ResourceRef(caller.tenant(), TYPE, id);
        store.replace(ref, users);
        accessChanges.announce(ref);
        return users;
    }
}
