package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tarball holds the distribution directory as built: an operator unpacks it and runs
 * {@code bin/presence} (DistributionIT starts the embedded default from the unpacked archive).
 */
class DistributionArchiveIT {

    @Test
    void theTarballHoldsTheLauncherTheServerTheWarAndThePluginsFolder() throws IOException {
        Path home = DistributionArchive.unpacked();
        for (String file : List.of(
                "bin/presence",
                "lib/payara-micro.jar",
                "lib/presence-web.war",
                "lib/presence-api.jar",
                "conf/pre-boot-commands.asadmin",
                "plugins/README.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), () -> file + " in " + home);
        }
        assertTrue(
                Files.getPosixFilePermissions(home.resolve("bin/presence"))
                        .contains(PosixFilePermission.OTHERS_EXECUTE),
                "the launcher is executable by anyone");
        try (Stream<Path> top = Files.list(home)) {
            assertEquals(
                    Set.of("bin", "lib", "conf", "plugins"),
                    top.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "nothing else, in particular no run/ folder of a node started before packaging");
        }
        assertEquals(
                Files.size(LauncherProcess.distribution().resolve("lib/presence-web.war")),
                Files.size(home.resolve("lib/presence-web.war")),
                "the WAR of this build");
    }
}
