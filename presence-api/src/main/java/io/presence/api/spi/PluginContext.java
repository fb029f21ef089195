package io.presence.api.spi;

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
}
