package io.presence.core.plugins;

import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;

/** A resource type together with the plugin that defines it. */
public record BoundPlugin(ResourceType type, ResourcePlugin plugin) {

    public String pluginClass() {
        return plugin.getClass().getName();
    }

    /** The plugin's version from its jar manifest ({@code Implementation-Version}), or "unknown". */
    public String pluginVersion() {
        String version = plugin.getClass().getPackage() == null
                ? null
                : plugin.getClass().getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
