package io.presence.core.presence;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceFacts;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves a caller's {@code type}/{@code id} into a record of the caller's tenant, asking the type's
 * plugin whether the id is valid and whether the caller may see (and edit) it. A record the caller may
 * not see answers 404 exactly like one that does not exist.
 */
@ApplicationScoped
public class ResourceAccess {

    @Inject
    ResourceTypeRegistry registry;

    /** The record, if the caller may see it; 404 otherwise. */
    public ResourceRef visible(Caller caller, String type, String id) {
        return resolve(caller, type, id).ref();
    }

    /** The record, if the caller may edit it; 404 if it may not see it, 403 if it may only see it. */
    public ResourceRef editable(Caller caller, String type, String id) {
        Resolved resolved = resolve(caller, type, id);
        if (!resolved.bound().plugin().canEdit(caller, resolved.ref(), facts(resolved.ref()))) {
            throw new ForbiddenException("edit_not_allowed", "you may view but not edit this " + type);
        }
        return resolved.ref();
    }

    /** Whether the caller may see an existing record reference (used when delivering diffs). */
    public boolean canSee(Caller caller, ResourceRef ref) {
        return caller.tenant().equals(ref.tenant()) && registry.find(ref.type())
                .map(bound -> bound.plugin().canSee(caller, ref, facts(ref)))
                .orElse(false);
    }

    private record Resolved(ResourceRef ref, BoundPlugin bound) {
    }

    private Resolved resolve(Caller caller, String type, String id) {
        BoundPlugin bound = registry.require(type);
        Inputs.resourceId(id);
        if (!bound.type().acceptsId(id)) {
            throw NotFoundException.resource(type, id);
        }
        ResourceRef ref = new ResourceRef(caller.tenant(), type, id);
        if (!bound.plugin().canSee(caller, ref, facts(ref))) {
            throw NotFoundException.resource(type, id);
        }
        return new Resolved(ref, bound);
    }

    private ResourceFacts facts(ResourceRef ref) {
        return ResourceFacts.none();
    }
}
