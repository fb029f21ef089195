package io.presence.core.plugins;

import io.presence.api.model.ResourceRef;
import io.presence.api.spi.PluginContext;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.NotFoundException;
import io.presence.core.presence.AccessChanges;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The resource types of this server, bound once at start-up from the plugins on the application's
 * class path (including jars added to the server with {@code --addLibs}).
 */
@ApplicationScoped
public class ResourceTypeRegistry {

    @Inject
    PresenceSettings settings;

    @Inject
    Config config;

    /** Looked up when a plugin announces a change, not while the plugins load. */
    @Inject
    Instance<AccessChanges> accessChanges;

    private Map<String, BoundPlugin> types;

    @PostConstruct
    void load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        PluginContext context = new PluginContext() {
            @Override
            public Optional<String> config(String key) {
                return config.getOptionalValue("presence.plugin." + key, String.class);
            }

            @Override
            public void accessChanged(ResourceRef ref) {
                accessChanges.get().announce(ref);
            }

            @Override
            public void usersVisibilityChanged(String tenant) {
                accessChanges.get().announce(AccessChanges.users(tenant));
            }
        };
        types = Map.copyOf(PluginLoader.load(
                loader == null ? getClass().getClassLoader() : loader, settings.pluginsEnabled(), context));
    }

    /** A registry of fixed bindings, without plugin discovery: for tests and tools outside the container. */
    public static ResourceTypeRegistry of(Collection<BoundPlugin> bindings) {
        ResourceTypeRegistry registry = new ResourceTypeRegistry();
        Map<String, BoundPlugin> byName = new java.util.LinkedHashMap<>();
        bindings.forEach(bound -> byName.put(bound.type().name(), bound));
        registry.types = Map.copyOf(byName);
        return registry;
    }

    /** The type's binding; 404 if no plugin defines it. */
    public BoundPlugin require(String type) {
        BoundPlugin bound = types.get(type);
        if (bound == null) {
            throw NotFoundException.unknownResourceType(type);
        }
        return bound;
    }

    public Optional<BoundPlugin> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /**
     * The type a client names by its name, one of its aliases or its CamelCase form (seed 002's entity
     * names, e.g. {@code Order}); 404 if none matches.
     */
    public BoundPlugin requireByAnyName(String name) {
        BoundPlugin bound = types.get(name);
        if (bound != null) {
            return bound;
        }
        for (BoundPlugin candidate : types.values()) {
            if (candidate.type().aliases().contains(name)
                    || candidate.type().camelCaseName().equals(name)) {
                return candidate;
            }
        }
        throw NotFoundException.unknownResourceType(name);
    }

    public Collection<BoundPlugin> all() {
        return types.values();
    }
}
