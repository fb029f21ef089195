package io.presence.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The distribution as it is shipped: target/presence-&lt;version&gt;.tar.gz, unpacked once per test run. */
final class DistributionArchive {

    private static Path unpacked;

    private DistributionArchive() {}

    static Path tarball() {
        return Path.of(System.getProperty("presence.tarball"));
    }

    /** The archive's top folder, unpacked with the system's tar into target/unpacked-tarball. */
    static synchronized Path unpacked() {
        if (unpacked == null) {
            Path into = Path.of("target", "unpacked-tarball").toAbsolutePath();
            run(List.of("rm", "-rf", into.toString()));
            run(List.of("mkdir", "-p", into.toString()));
            run(List.of("tar", "-xzf", tarball().toAbsolutePath().toString(), "-C", into.toString()));
            String top = tarball().getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
            unpacked = into.resolve(top);
        }
        return unpacked;
    }

    /** Runs a command to completion; a non-zero exit fails with its output. */
    static void run(List<String> command) {
        try {
            Path output = Files.createTempFile("command", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 300 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command + " exited with " + process.exitValue() + ": " + Files.readString(output));
            }
            Files.delete(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
