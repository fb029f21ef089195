package io.presence.core.plugins;

import io.presence.api.spi.ResourcePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds real plugin jars for the registry tests, as a domain team would drop them into
 * {@code plugins/}: the plugin classes plus a {@code META-INF/services} file naming them (which may
 * also name classes that do not exist, like a broken jar would).
 */
final class PluginJars {

    private final Path dir;

    PluginJars(Path dir) {
        this.dir = dir;
    }

    /** A jar with the given classes and a services file listing {@code listed}. */
    Path jar(String name, List<Class<?>> classes, List<String> listed) {
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ResourcePlugin.class.getName()));
            out.write((String.join("\n", listed) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A jar listing the given plugin classes, which it also contains. */
    Path jarOf(String name, Class<?>... plugins) {
        List<String> listed = new ArrayList<>();
        for (Class<?> plugin : plugins) {
            listed.add(plugin.getName());
        }
        return jar(name, List.of(plugins), listed);
    }

    /** A class loader over the jars, like the server's class path with {@code --addLibs}. */
    static URLClassLoader loaderOf(Path... jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), PluginJars.class.getClassLoader());
    }
}
