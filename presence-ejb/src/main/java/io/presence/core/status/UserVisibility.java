package io.presence.core.status;

import io.presence.api.model.Caller;
import io.presence.api.spi.ResourcePlugin;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a caller may see another user of its tenant: everyone sees themselves; anyone else is
 * visible unless a plugin's {@link ResourcePlugin#canSeeUser} says no (partners only, a social circle).
 * Callers never ask across tenants: a user id is always one of the caller's tenant.
 */
@ApplicationScoped
public class UserVisibility {

    private static final Logger LOG = Logger.getLogger(UserVisibility.class.getName());

    @Inject
    ResourceTypeRegistry registry;

    private volatile List<BoundPlugin> plugins;
    private volatile Boolean narrowed;

    /** Visibility over a fixed registry, for tests and tools outside the container. */
    public static UserVisibility of(ResourceTypeRegistry registry) {
        UserVisibility visibility = new UserVisibility();
        visibility.registry = registry;
        return visibility;
    }

    public boolean canSee(Caller viewer, String userId) {
        if (viewer.userId().equals(userId) || !narrowed()) {
            return true;
        }
        for (BoundPlugin bound : plugins()) {
            if (!ask(bound, viewer, userId)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether any plugin narrows who sees whom (overrides {@link ResourcePlugin#canSeeUser}); when none
     * does, every user of a tenant sees every other, and fan-out to a tenant's thousands of watchers
     * need not ask per watcher and user.
     */
    public boolean narrowed() {
        Boolean known = narrowed;
        if (known == null) {
            narrowed = known = plugins().stream().anyMatch(bound -> overridesCanSeeUser(bound.plugin()));
        }
        return known;
    }

    private static boolean overridesCanSeeUser(ResourcePlugin plugin) {
        try {
            return plugin.getClass()
                            .getMethod("canSeeUser", Caller.class, String.class)
                            .getDeclaringClass()
                    != ResourcePlugin.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /**
     * A plugin that throws is logged with its class and the answer is no (fail closed), as for records.
     */
    private static boolean ask(BoundPlugin bound, Caller viewer, String userId) {
        try {
            return bound.plugin().canSeeUser(viewer, userId);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "plugin " + bound.pluginClass() + ".canSeeUser() threw; expected true or false, answering false",
                    e);
            return false;
        }
    }

    /** Each bound plugin once, however many types it declares. */
    private List<BoundPlugin> plugins() {
        List<BoundPlugin> known = plugins;
        if (known == null) {
            Map<ResourcePlugin, BoundPlugin> distinct = new IdentityHashMap<>();
            registry.all().forEach(bound -> distinct.putIfAbsent(bound.plugin(), bound));
            plugins = known = List.copyOf(new ArrayList<>(distinct.values()));
        }
        return known;
    }
}
