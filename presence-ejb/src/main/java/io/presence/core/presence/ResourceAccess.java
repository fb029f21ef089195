package io.presence.core.presence;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceFacts;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.errors.PresenceException;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves a caller's {@code type}/{@code id} into a record of the caller's tenant, asking the type's
 * plugin whether the id is valid and whether the caller may see (and edit) it. A record the caller may
 * not see answers 404 exactly like one that does not exist.
 *
 * <p>The plugin decides with {@link ResourceFacts} that this class loads lazily from the
 * {@link ParticipantStore}: a plugin that never asks for participants costs no store call, and one
 * decision loads them at most once.
 */
@ApplicationScoped
public class ResourceAccess {

    private static final Logger LOG = Logger.getLogger(ResourceAccess.class.getName());

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    ParticipantStore participants;

    /** The record, if the caller may see it; 404 otherwise. */
    public ResourceRef visible(Caller caller, String type, String id) {
        return resolve(caller, type, id).ref();
    }

    /** The record, if the caller may edit it; 404 if it may not see it, 403 if it may only see it. */
    public ResourceRef editable(Caller caller, String type, String id) {
        Resolved resolved = resolve(caller, type, id);
        if (!decide(resolved.bound(), "canEdit", () -> resolved.bound()
                .plugin()
                .canEdit(caller, resolved.ref(), resolved.facts()))) {
            throw new ForbiddenException("edit_not_allowed", "you may view but not edit this " + type);
        }
        return resolved.ref();
    }

    /**
     * Whether the caller may see an existing record reference: used when delivering diffs and resource
     * events, so that nothing of a record reaches a caller of another tenant or one its plugin hides.
     */
    public boolean canSee(Caller caller, ResourceRef ref) {
        return caller.tenant().equals(ref.tenant())
                && registry.find(ref.type())
                        .map(bound ->
                                decide(bound, "canSee", () -> bound.plugin().canSee(caller, ref, facts(ref))))
                        .orElse(false);
    }

    private record Resolved(ResourceRef ref, BoundPlugin bound, ResourceFacts facts) {}

    private Resolved resolve(Caller caller, String type, String id) {
        BoundPlugin bound = registry.require(type);
        Inputs.resourceId(id);
        if (!bound.type().acceptsId(id)) {
            throw NotFoundException.resource(type, id);
        }
        ResourceRef ref = new ResourceRef(caller.tenant(), type, id);
        ResourceFacts facts = facts(ref);
        if (!decide(bound, "canSee", () -> bound.plugin().canSee(caller, ref, facts))) {
            throw NotFoundException.resource(type, id);
        }
        return new Resolved(ref, bound, facts);
    }

    /**
     * Asks the plugin; a plugin that throws is logged with its class and method and the answer is no
     * (fail closed), so a buggy plugin hides its records instead of breaking requests. Store failures
     * while loading facts are not the plugin's fault and propagate (503).
     */
    private static boolean decide(BoundPlugin bound, String method, BooleanSupplier question) {
        try {
            return question.getAsBoolean();
        } catch (PresenceException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "plugin " + bound.pluginClass() + "." + method + "() threw for type '"
                            + bound.type().name() + "'; expected true or false, answering false",
                    e);
            return false;
        }
    }

    private ResourceFacts facts(ResourceRef ref) {
        return new StoredResourceFacts(() -> participants.participants(ref));
    }
}
