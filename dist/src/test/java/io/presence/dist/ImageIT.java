package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.web.ApiClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image archive of {@code -Pimage} (target/presence-image.tar, the format of
 * {@code docker save}): its manifest and configuration, and, where this test runs as root, the image
 * itself run the way a container engine would run it (its layers unpacked, a private mount and host name
 * namespace, {@code chroot} as the image's user, the image's environment).
 */
class ImageIT {

    private static Path archive;
    private static JsonObject manifest;
    private static JsonObject config;

    @BeforeAll
    static void unpackArchive() throws IOException {
        String image = System.getProperty("presence.image");
        assumeTrue(image != null, "the image is built with -Pimage");
        archive = Path.of("target", "image-archive").toAbsolutePath();
        DistributionArchive.run(List.of("rm", "-rf", archive.toString()));
        DistributionArchive.run(List.of("mkdir", "-p", archive.toString()));
        DistributionArchive.run(
                List.of("tar", "-xf", Path.of(image).toAbsolutePath().toString(), "-C", archive.toString()));
        JsonArray manifests = read(archive.resolve("manifest.json")).asJsonArray();
        assertEquals(1, manifests.size());
        manifest = manifests.getJsonObject(0);
        config = read(archive.resolve(manifest.getString("Config"))).asJsonObject();
    }

    @Test
    void theManifestNamesTheImageAndLayersWhoseContentMatchesTheConfiguration() throws Exception {
        assertTrue(
                manifest.getJsonArray("RepoTags").getString(0).startsWith("presence:"),
                "`docker load` tags it presence:<version>");
        List<String> layers = strings(manifest.getJsonArray("Layers"));
        List<String> diffIds = strings(config.getJsonObject("rootfs").getJsonArray("diff_ids"));
        assertEquals(diffIds.size(), layers.size());
        assertTrue(layers.size() >= 4, "base, Java runtime, Payara Micro and Presence in layers of their own");
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(diffIds.get(i), uncompressedDigest(archive.resolve(layers.get(i))), layers.get(i));
        }
        assertEquals("amd64", config.getString("architecture"));
        assertEquals("linux", config.getString("os"));
    }

    @Test
    void itRunsTheLauncherAsAnUnprivilegedUserWithAHeapSizedByTheContainerLimit() {
        JsonObject container = config.getJsonObject("config");
        assertEquals(List.of("/opt/presence/bin/presence"), strings(container.getJsonArray("Entrypoint")));
        String user = container.getString("User");
        assertNotEquals("0", user.split(":")[0]);
        assertNotEquals("root", user.split(":")[0]);
        assertTrue(container.getJsonObject("ExposedPorts").containsKey("8080/tcp"), "HTTP");
        assertTrue(container.getJsonObject("ExposedPorts").containsKey("8081/tcp"), "the WebSocket listener's port");
        Map<String, String> env = environment();
        assertTrue(env.get("PRESENCE_JAVA_OPTS").contains("-XX:MaxRAMPercentage="), env.toString());
        assertEquals("/opt/java", env.get("JAVA_HOME"));
    }

    @Test
    void theImageServesPresenceAsItsUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "running the image needs root (chroot, mounts)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "util-linux's unshare");
        Path rootfs = Path.of("target", "image-rootfs").toAbsolutePath();
        DistributionArchive.run(List.of("rm", "-rf", rootfs.toString()));
        DistributionArchive.run(List.of("mkdir", "-p", rootfs.toString()));
        for (String layer : strings(manifest.getJsonArray("Layers"))) {
            DistributionArchive.run(
                    List.of("tar", "-xzpf", archive.resolve(layer).toString(), "-C", rootfs.toString()));
        }
        // What a container engine provides: /dev, /proc, and a host name that /etc/hosts resolves.
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createDirectories(rootfs.resolve("proc"));
        Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost presence-image\n");
        // the environment is the image's, so the host's commands are named by their paths
        String script = "/usr/bin/hostname presence-image && /usr/bin/mount --bind /dev \"$1/dev\""
                + " && /usr/bin/mount -t proc proc \"$1/proc\""
                + " && exec /usr/sbin/chroot --userspec=\"$2\" \"$1\" \"$3\"";
        JsonObject container = config.getJsonObject("config");
        List<String> command = List.of(
                "/usr/bin/unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                script,
                "sh",
                rootfs.toString(),
                container.getString("User"),
                strings(container.getJsonArray("Entrypoint")).get(0));
        Map<String, String> env = new LinkedHashMap<>(environment());
        // the image's JVM options, with the memory a 768 MB container limit would give
        env.put("PRESENCE_JAVA_OPTS", env.get("PRESENCE_JAVA_OPTS") + " -XX:MaxRAM=768m");
        try (LauncherProcess node = LauncherProcess.start(command, "image", env)) {
            ApiClient api = new ApiClient(node.base());
            for (String probe : List.of("health/started", "health/live", "health/ready")) {
                assertEquals(200, api.get(probe, null).status(), probe);
            }
            String alice = api.token("alice", "Alice", "acme");
            assertEquals(
                    200,
                    api.post("api/v1/presence/work_order/WO-1/heartbeat", alice, "{\"tab_id\":\"t1\"}")
                            .status());
            assertTrue(
                    node.jvmArguments().contains("-XX:MaxRAMPercentage=70"),
                    () -> "the image's JVM options: " + node.jvmArguments());
            long uid = Long.parseLong(container.getString("User").split(":")[0]);
            String status = Files.readString(Path.of("/proc", Long.toString(node.pid()), "status"));
            assertTrue(
                    status.lines().anyMatch(line -> line.matches("Uid:\\s+" + uid + "\\s.*")),
                    () -> "the JVM runs as the image's user: " + status);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings(config.getJsonObject("config").getJsonArray("Env"))) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return env;
    }

    private static String uncompressedDigest(Path layer) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(layer)), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        for (JsonString s : array.getValuesAs(JsonString.class)) {
            strings.add(s.getString());
        }
        return strings;
    }

    private static JsonStructure read(Path file) throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
            return reader.read();
        }
    }
}
