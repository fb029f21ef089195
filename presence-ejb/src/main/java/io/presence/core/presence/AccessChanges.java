package io.presence.core.presence;

import io.presence.api.model.ResourceRef;
import io.presence.core.plugins.PluginLoader;
import java.util.function.Consumer;

/**
 * The bus on which a node announces that who may see a record may have changed (its participants were
 * replaced, a plugin's rules changed), so that every node asks again for the connections that watch it
 * ({@link io.presence.core.hub.Hub#reevaluateAccess}). A connection remembers whether its caller may see
 * a record; without an announcement it would keep that answer for its whole life.
 *
 * <p>Contract: each listener of every node that shares the store receives each announcement once,
 * the announcing node included. In this process with the memory store; over Redis pub/sub with the
 * Redis store. {@link #announce} fails with {@link io.presence.core.errors.StoreUnavailableException}
 * when the announcement cannot be sent.
 */
public interface AccessChanges extends AutoCloseable {

    /**
     * The announcement that who sees whom among the tenant's users may have changed (a plugin's {@code
     * canSeeUser} rules): it names no record but the reserved type {@code users}, which no plugin may
     * declare, so it travels the same bus.
     */
    static ResourceRef users(String tenant) {
        return new ResourceRef(tenant, PluginLoader.RESERVED_TYPE, "*");
    }

    /** Whether the announcement is {@link #users} rather than a record's. */
    static boolean isUsers(ResourceRef ref) {
        return ref.type().equals(PluginLoader.RESERVED_TYPE);
    }

    void announce(ResourceRef ref);

    /** Registers a listener for the announcements of every node. */
    void addListener(Consumer<ResourceRef> listener);

    @Override
    default void close() {}
}
