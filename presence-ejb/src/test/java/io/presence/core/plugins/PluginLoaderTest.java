package io.presence.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourcePlugin;
import io.presence.core.plugins.fixtures.AlphaPlugin;
import io.presence.core.plugins.fixtures.BetaPlugin;
import io.presence.core.plugins.fixtures.FailingConstructorPlugin;
import io.presence.core.plugins.fixtures.FailingInitPlugin;
import io.presence.core.plugins.fixtures.FuturePlugin;
import io.presence.core.plugins.fixtures.RivalAlphaPlugin;
import io.presence.core.plugins.fixtures.UsersTypePlugin;
import io.presence.core.plugins.fixtures.VersionOnePlugin;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's lifecycle with real jars and class loaders: find, check, isolate, allow, log. */
class PluginLoaderTest {

    private static final PluginContext NO_CONFIG = key -> Optional.empty();

    @TempDir
    Path dir;

    private PluginJars jars;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(PluginLoader.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        jars = new PluginJars(dir);
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @Test
    void pluginsFromSeveralJarsAreAllBoundAndEachIsLogged() throws Exception {
        try (URLClassLoader loader =
                PluginJars.loaderOf(jars.jarOf("alpha", AlphaPlugin.class), jars.jarOf("beta", BetaPlugin.class))) {
            Map<String, BoundPlugin> types = PluginLoader.load(loader, Optional.empty(), NO_CONFIG);
            assertEquals(Set.of("alpha", "beta"), types.keySet());
            assertEquals(AlphaPlugin.class.getName(), types.get("alpha").pluginClass());
            assertLogged("INFO bound plugin " + AlphaPlugin.class.getName());
            assertLogged("INFO bound plugin " + BetaPlugin.class.getName());
        }
    }

    @Test
    void brokenPluginsAreLoggedByClassNameAndDoNotTakeTheOthersDown() throws Exception {
        Path broken = jars.jar(
                "broken",
                List.of(FailingConstructorPlugin.class, FailingInitPlugin.class, FuturePlugin.class),
                List.of(
                        FailingConstructorPlugin.class.getName(),
                        "com.example.MissingPlugin",
                        FailingInitPlugin.class.getName(),
                        FuturePlugin.class.getName()));
        try (URLClassLoader loader = PluginJars.loaderOf(broken, jars.jarOf("alpha", AlphaPlugin.class))) {
            Map<String, BoundPlugin> types = PluginLoader.load(loader, Optional.empty(), NO_CONFIG);
            assertEquals(Set.of("alpha"), types.keySet());
            assertLogged("SEVERE skipping a plugin that could not be loaded", FailingConstructorPlugin.class.getName());
            assertLogged("SEVERE skipping a plugin that could not be loaded", "com.example.MissingPlugin");
            assertLogged("SEVERE skipping plugin " + FailingInitPlugin.class.getName(), "missing licence key");
            assertLogged(
                    "SEVERE skipping plugin " + FuturePlugin.class.getName(),
                    "spiVersion() returned " + (ResourcePlugin.SPI_VERSION + 1));
        }
    }

    @Test
    void aPluginBuiltForSpiVersionOneStillBindsAndSeesEveryUser() throws Exception {
        try (URLClassLoader loader = PluginJars.loaderOf(jars.jarOf("legacy", VersionOnePlugin.class))) {
            Map<String, BoundPlugin> types = PluginLoader.load(loader, Optional.empty(), NO_CONFIG);
            assertEquals(Set.of("legacy"), types.keySet());
            assertLogged("INFO bound plugin " + VersionOnePlugin.class.getName(), "(SPI 1)");
            ResourcePlugin plugin = types.get("legacy").plugin();
            assertTrue(plugin.canSeeUser(new Caller("u1", "U1", "acme", Set.of()), "u2"));
        }
    }

    @Test
    void aPluginDeclaringTheReservedTypeUsersIsSkippedAndTheOthersLoad() throws Exception {
        try (URLClassLoader loader = PluginJars.loaderOf(
                jars.jarOf("users", UsersTypePlugin.class), jars.jarOf("alpha", AlphaPlugin.class))) {
            Map<String, BoundPlugin> types = PluginLoader.load(loader, Optional.empty(), NO_CONFIG);
            assertEquals(Set.of("alpha"), types.keySet());
            assertLogged("SEVERE skipping plugin " + UsersTypePlugin.class.getName(), "'users'");
        }
    }

    @Test
    void twoPluginsClaimingOneTypeStopTheStartNamingBoth() throws Exception {
        try (URLClassLoader loader = PluginJars.loaderOf(
                jars.jarOf("alpha", AlphaPlugin.class), jars.jarOf("rival", RivalAlphaPlugin.class))) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> PluginLoader.load(loader, Optional.empty(), NO_CONFIG));
            assertTrue(e.getMessage().contains("'alpha'"), e.getMessage());
            assertTrue(e.getMessage().contains(AlphaPlugin.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(RivalAlphaPlugin.class.getName()), e.getMessage());
        }
    }

    @Test
    void theAllowListRestrictsPluginsByTypeOrClassName() throws Exception {
        try (URLClassLoader loader = PluginJars.loaderOf(
                jars.jarOf("alpha", AlphaPlugin.class),
                jars.jarOf("beta", BetaPlugin.class),
                jars.jarOf("rival", RivalAlphaPlugin.class))) {
            assertEquals(
                    Set.of("beta"),
                    PluginLoader.load(loader, Optional.of(List.of("beta")), NO_CONFIG)
                            .keySet());
            Map<String, BoundPlugin> byClass =
                    PluginLoader.load(loader, Optional.of(List.of(RivalAlphaPlugin.class.getName())), NO_CONFIG);
            assertEquals(
                    RivalAlphaPlugin.class.getName(),
                    byClass.get("alpha").pluginClass(),
                    "the allow-list also settles a clash by leaving one plugin out");
            assertLogged("INFO plugin " + AlphaPlugin.class.getName() + " is not in presence.plugins.enabled");
        }
    }

    @Test
    void aPluginReadsItsConfigurationThroughTheContext() throws Exception {
        try (URLClassLoader loader = PluginJars.loaderOf(jars.jarOf("beta", BetaPlugin.class))) {
            Map<String, String> config = Map.of("beta.colour", "green");
            PluginLoader.load(loader, Optional.empty(), key -> Optional.ofNullable(config.get(key)));
            assertEquals("green", BetaPlugin.colour);
        }
    }

    private void assertLogged(String... parts) {
        boolean found = log.stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
        assertTrue(found, "no log line with " + List.of(parts) + " in " + log);
    }
}
