package io.presence.core.plugins;

import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads plugins from a class loader and binds their types. Plain Java, so that it can be tested
 * without a container.
 */
public final class PluginLoader {

    private static final Logger LOG = Logger.getLogger(PluginLoader.class.getName());
    /** Names the WebSocket subscription to users' status ({@code "resource_type": "users"}), never a type. */
    public static final String RESERVED_TYPE = "users";

    private PluginLoader() {}

    /**
     * Finds, checks and initialises the plugins visible to {@code loader}.
     *
     * @param enabled if present, only plugins whose class name or one of whose type names is listed
     * @param context handed to each plugin's {@code init}
     * @return the bound types by name
     * @throws IllegalStateException when two plugins claim the same type
     */
    public static Map<String, BoundPlugin> load(
            ClassLoader loader, Optional<? extends Collection<String>> enabled, PluginContext context) {
        Map<String, BoundPlugin> types = new LinkedHashMap<>();
        Iterator<ResourcePlugin> providers =
                ServiceLoader.load(ResourcePlugin.class, loader).iterator();
        while (true) {
            ResourcePlugin plugin;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                plugin = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.SEVERE, "skipping a plugin that could not be loaded: " + e, e);
                continue;
            }
            bind(plugin, enabled, context).forEach(type -> {
                BoundPlugin previous = types.putIfAbsent(type.name(), new BoundPlugin(type, plugin));
                if (previous != null) {
                    throw new IllegalStateException("resource type '" + type.name() + "' is claimed by both "
                            + previous.pluginClass() + " and "
                            + plugin.getClass().getName()
                            + "; remove one of the two plugins or restrict presence.plugins.enabled");
                }
            });
        }
        return types;
    }

    private static List<ResourceType> bind(
            ResourcePlugin plugin, Optional<? extends Collection<String>> enabled, PluginContext context) {
        String name = plugin.getClass().getName();
        try {
            if (plugin.spiVersion() > ResourcePlugin.SPI_VERSION || plugin.spiVersion() < 1) {
                LOG.severe(() -> "skipping plugin " + name + ": spiVersion() returned " + plugin.spiVersion()
                        + ", this server implements SPI versions 1.." + ResourcePlugin.SPI_VERSION);
                return List.of();
            }
            List<ResourceType> declared = plugin.resourceTypes();
            if (declared == null || declared.isEmpty()) {
                LOG.severe(() -> "skipping plugin " + name + ": resourceTypes() returned no type");
                return List.of();
            }
            if (declared.stream().anyMatch(type -> type.name().equals(RESERVED_TYPE))) {
                LOG.severe(() -> "skipping plugin " + name + ": resourceTypes() declares a type named '" + RESERVED_TYPE
                        + "', which is reserved for the users subscription; rename the type");
                return List.of();
            }
            if (enabled.isPresent() && !isEnabled(name, declared, enabled.get())) {
                LOG.info(() -> "plugin " + name + " is not in presence.plugins.enabled; not bound");
                return List.of();
            }
            plugin.init(context);
            LOG.info(() -> "bound plugin " + name + " (SPI " + plugin.spiVersion() + ") for resource types "
                    + declared.stream().map(ResourceType::name).toList());
            return declared;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "skipping plugin " + name + ": it failed while binding: " + e, e);
            return List.of();
        }
    }

    private static boolean isEnabled(String className, List<ResourceType> types, Collection<String> enabled) {
        return enabled.contains(className) || types.stream().anyMatch(t -> enabled.contains(t.name()));
    }
}
