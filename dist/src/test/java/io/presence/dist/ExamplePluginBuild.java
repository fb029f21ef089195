package io.presence.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds {@code examples/inventory-plugin} the way a domain team would, with its own Maven build,
 * on a copy under {@code target/} (the source tree stays clean). It compiles against the
 * distribution's {@code lib/presence-api.jar} and runs the plugin's contract test against the
 * reactor's SPI test jar, so it needs no repository and works offline.
 */
final class ExamplePluginBuild {

    private ExamplePluginBuild() {}

    /** Builds the example and returns its jar; fails with the build's output if the build fails. */
    static Path inventoryJar(Path distribution) {
        Path source = Path.of(System.getProperty("presence.example.inventory", "../examples/inventory-plugin"));
        Path copy = Path.of("target", "inventory-plugin-build").toAbsolutePath();
        copyTree(source, copy, path -> !path.startsWith(source.resolve("target")));
        Path log = copy.resolve("build.log");
        List<String> command = List.of(
                maven(),
                "-q",
                "-B",
                "-f",
                copy.resolve("pom.xml").toString(),
                "package",
                "-Dpresence.api.jar="
                        + distribution.resolve("lib/presence-api.jar").toAbsolutePath(),
                "-Dpresence.api.tests.jar="
                        + Path.of(System.getProperty("presence.api.tests.jar")).toAbsolutePath());
        try {
            Process build = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!build.waitFor(5, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("the example build took longer than 5 minutes; see " + log);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("the example build failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return copy.resolve("target/inventory-plugin-1.0.0.jar");
    }

    /** A copy of the assembled distribution, so that adding plugins leaves the original untouched. */
    static Path copyOfDistribution(Path distribution, String name) {
        Path copy = Path.of("target", name).toAbsolutePath();
        copyTree(distribution, copy, path -> !path.startsWith(distribution.resolve("run")));
        return copy;
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) {
        try {
            deleteTree(to);
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : (Iterable<Path>) paths.filter(include)::iterator) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(
                                path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
