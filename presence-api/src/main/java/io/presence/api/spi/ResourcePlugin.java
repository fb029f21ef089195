package io.presence.api.spi;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import java.util.List;

/**
 * A provider of resource types. Loaded with {@link java.util.ServiceLoader}, once per server start.
 *
 * <p>Implementations must be thread-safe: the access checks are called concurrently from request
 * threads. They must be fast and must not block: they run on every heartbeat and every delivered
 * message, so anything they need (such as a conversation's participants) comes in through
 * {@link ResourceFacts}, which the platform loads from its store.
 */
public interface ResourcePlugin {

    /**
     * The SPI version of this interface. Version 1: types, actions, lockable fields, visibility,
     * {@link #init(PluginContext)}. Version 2: {@link #canSeeUser}. Version 3:
     * {@link PluginContext#accessChanged}. Version 4: {@link PluginContext#usersVisibilityChanged}.
     */
    int SPI_VERSION = 4;

    /**
     * The SPI version the plugin was compiled against. Implement it as
     * {@code return ResourcePlugin.SPI_VERSION;}: the constant is inlined at compile time, so the
     * registry can tell a plugin built for a newer SPI than the running platform and refuse it.
     */
    int spiVersion();

    /** The resource types this plugin defines; at least one, each name unique across all plugins. */
    List<ResourceType> resourceTypes();

    /** Called once before any other method with the plugin's configuration. */
    default void init(PluginContext context) {}

    /**
     * Whether {@code caller} may know that the record exists: see its viewers, subscribe to it and
     * receive its events. A record the caller may not see answers exactly like one that does not
     * exist. Default: every user of the record's tenant.
     */
    default boolean canSee(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return true;
    }

    /**
     * Whether {@code caller} may edit the record (report edit mode, take field locks). Only asked
     * when {@link #canSee} said yes. Default: whoever may see it.
     */
    default boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return true;
    }

    /**
     * Whether {@code viewer} may see the status, last-seen time and typing of user {@code userId} of its
     * own tenant (the platform never asks across tenants, and never about the viewer itself: everyone
     * sees themselves). A user the viewer may not see answers exactly like one that does not exist.
     * Every plugin is asked and each may only narrow: a user is visible when no plugin says no.
     * Default: every user of the tenant. Since SPI version 2.
     */
    default boolean canSeeUser(Caller viewer, String userId) {
        return true;
    }
}
