package io.presence.api.spi;

import io.presence.api.model.ResourceRef;
import java.util.Optional;

/**
 * What the platform hands a plugin at {@link ResourcePlugin#init(PluginContext)}.
 *
 * <p>Configuration comes from MicroProfile Config under {@code presence.plugin.<key>} (environment:
 * {@code PRESENCE_PLUGIN_<KEY>}), so a plugin stays plain Java and is still configured like the rest
 * of the server.
 */
public interface PluginContext {

    /** The value of {@code presence.plugin.<key>}, if set. */
    Optional<String> config(String key);

    /**
     * Tells the platform that who may see the record may have changed for a reason only the plugin knows
     * (a group's members, a rule's data): every node asks {@link ResourcePlugin#canSee} again for the open
     * connections that watch the record, at once. Those that lost access are unsubscribed and get nothing
     * more of it; those that gained it start receiving it on their type subscriptions. Participant changes
     * made with {@code PUT /api/v1/conversations/{id}/participants} need no call: the platform announces
     * them itself. Since SPI version 3.
     */
    default void accessChanged(ResourceRef ref) {}

    /**
     * Tells the platform that who sees whom among the tenant's users may have changed (a partnership, a
     * social circle): every node asks {@link ResourcePlugin#canSeeUser} again for the open connections
     * that watch the tenant's users, at once. Each one whose answers changed gets a fresh snapshot of the
     * users it may see, which replaces the one it had; nothing more of a user it may no longer see
     * reaches it. REST reads ask on every request and need no call. Since SPI version 4.
     */
    default void usersVisibilityChanged(String tenant) {}
}
