/**
 * The plugin registry: finds {@link io.presence.api.spi.ResourcePlugin}s with {@link java.util.ServiceLoader}
 * (those packaged with the application and jars in the distribution's {@code plugins/} folder), checks
 * them, and answers which resource types exist and who may see them.
 *
 * <p>Failure isolation: a plugin that cannot be instantiated, was built for a newer SPI, or throws
 * from {@code resourceTypes()} or {@code init()} is logged with its class name and skipped; the others
 * load. Two plugins claiming one type stop the start, because either choice would be a silent surprise.
 */
package io.presence.core.plugins;
