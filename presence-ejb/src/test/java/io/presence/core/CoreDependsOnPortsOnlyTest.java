package io.presence.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core depends on ports only: no source of {@code io.presence.core} names Redis, Kafka, the pool
 * library or an adapter, neither in an import, nor fully qualified in code or javadoc, nor in a javadoc
 * link to an adapter's simple name. Adapters are chosen by the composition root in
 * {@code io.presence.infrastructure.wiring}. Reads the source files, so a failure names file and line.
 */
class CoreDependsOnPortsOnlyTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java/io/presence");

    private static final List<String> FORBIDDEN =
            List.of("redis.clients", "org.apache.kafka", "org.apache.commons.pool2", "io.presence.infrastructure");

    /** {@code {@link Name}}, {@code {@linkplain Name#member}}, {@code @see Name}: the name referred to. */
    private static final Pattern REFERENCE = Pattern.compile("(?:\\{@link(?:plain)?|@see)\\s+([A-Za-z_][\\w.]*)");

    @Test
    void noCoreSourceNamesRedisKafkaThePoolLibraryOrAnAdapter() throws IOException {
        List<Path> core = javaSources(MAIN.resolve("core"));
        assertTrue(core.size() > 40, () -> "expected the core's sources under " + MAIN.resolve("core") + ": " + core);
        Set<String> adapters = javaSources(MAIN.resolve("infrastructure")).stream()
                .map(file -> file.getFileName().toString().replace(".java", ""))
                .filter(name -> !name.equals("package-info"))
                .collect(Collectors.toSet());
        assertTrue(adapters.contains("RedisPresenceStore"), () -> "expected the adapters' sources: " + adapters);

        List<String> violations = new ArrayList<>();
        for (Path file : core) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = MAIN.relativize(file) + ":" + (i + 1) + ": ";
                for (String name : FORBIDDEN) {
                    if (line.contains(name)) {
                        violations.add(where + name);
                    }
                }
                Matcher reference = REFERENCE.matcher(line);
                while (reference.find()) {
                    String simpleName = reference.group(1).replaceAll(".*\\.", "");
                    if (adapters.contains(simpleName)) {
                        violations.add(where + "refers to the adapter " + simpleName);
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "core sources must depend on ports only");
    }

    private static List<Path> javaSources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
    }
}
