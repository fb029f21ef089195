package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes and deploy/compose parse, and they refer to what Presence has: its health endpoints,
 * its ports, its image and settings that docs/configuration.md documents.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final String IMAGE = "presence:" + System.getProperty("presence.version", "1.0.0-SNAPSHOT");
    private static final Pattern SETTING = Pattern.compile("^PRESENCE_[A-Z0-9_]+$");

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesProbesPortsAndSettingsReferToWhatTheNodeServes() throws IOException {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : documents(file)) {
                    Map<String, Object> resource = (Map<String, Object>) document;
                    byKind.put((String) resource.get("kind"), resource);
                }
            }
        }
        assertEquals(
                Set.of("Kustomization", "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget"),
                byKind.keySet());
        List<String> kustomized = (List<String>) byKind.get("Kustomization").get("resources");
        for (String resource : kustomized) {
            assertTrue(Files.isRegularFile(DEPLOY.resolve("kubernetes").resolve(resource)), resource);
        }

        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> labels = map(map(spec, "selector"), "matchLabels");
        assertEquals(labels, map(map(spec, "template", "metadata"), "labels"));
        assertEquals(labels, map(byKind.get("Service"), "spec", "selector"));
        assertEquals(labels, map(byKind.get("PodDisruptionBudget"), "spec", "selector", "matchLabels"));

        Map<String, Object> pod = map(spec, "template", "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertEquals(IMAGE, container.get("image"), "the image -Pimage builds");
        Map<String, Integer> ports = new HashMap<>();
        for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
            ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
        }
        assertEquals(Map.of("http", 8080, "ws", 8081), ports, "the image's exposed ports");
        assertEquals(
                "8081",
                map(byKind.get("ConfigMap"), "data").get("PRESENCE_WS_PORT"),
                "the ws port is the WebSocket listener's");
        for (Map<String, Object> port :
                (List<Map<String, Object>>) map(byKind.get("Service"), "spec").get("ports")) {
            assertTrue(ports.containsKey(port.get("targetPort")), () -> "service port " + port);
        }

        Map<String, String> probes = Map.of(
                "startupProbe", "/health/started", "livenessProbe", "/health/live", "readinessProbe", "/health/ready");
        probes.forEach((probe, path) -> {
            Map<String, Object> httpGet = map(container, probe, "httpGet");
            assertEquals(path, httpGet.get("path"), probe);
            assertEquals("http", httpGet.get("port"), probe + " on the HTTP listener");
        });

        Map<String, Object> resources = map(container, "resources");
        assertEquals(
                map(resources, "requests").get("memory"),
                map(resources, "limits").get("memory"),
                "the heap is touched at start: request what the limit allows");
        int grace = (Integer) pod.get("terminationGracePeriodSeconds");
        int preStop = (Integer) map(container, "lifecycle", "preStop", "sleep").get("seconds");
        assertTrue(preStop + 20 <= grace, "the node has time to stop after the preStop pause");
        assertEquals(10001, map(pod, "securityContext").get("runAsUser"), "the image's user");

        Set<String> settings = new HashSet<>();
        settings.addAll(((Map<String, Object>) byKind.get("ConfigMap").get("data")).keySet());
        settings.addAll(((Map<String, Object>) byKind.get("Secret").get("stringData")).keySet());
        for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
            settings.add((String) env.get("name"));
        }
        assertDocumented(settings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoNodesOnRedisAndKafkaBehindNginx() throws IOException {
        Path compose = DEPLOY.resolve("compose/compose.yaml");
        Map<String, Object> services =
                map((Map<String, Object>) documents(compose).get(0), "services");
        assertEquals(Set.of("redis", "kafka", "presence-1", "presence-2", "proxy"), services.keySet());
        Set<String> settings = new HashSet<>();
        for (String node : List.of("presence-1", "presence-2")) {
            Map<String, Object> service = map(services, node);
            assertEquals("${PRESENCE_IMAGE:-" + IMAGE + "}", service.get("image"), node);
            Map<String, Object> env = map(service, "environment");
            assertEquals(node, env.get("PRESENCE_NODE_ID"));
            assertEquals("redis://redis:6379", env.get("PRESENCE_REDIS_URL"));
            assertEquals("kafka:9092", env.get("PRESENCE_KAFKA_BOOTSTRAP_SERVERS"));
            settings.addAll(env.keySet());
            String health =
                    String.join(" ", (List<String>) map(service, "healthcheck").get("test"));
            assertTrue(health.contains("/health/ready") && health.contains("/8080"), health);
        }
        assertDocumented(settings);
        assertTrue(
                String.valueOf(map(services, "kafka", "environment").get("KAFKA_PROCESS_ROLES"))
                        .contains("controller"),
                "one broker in KRaft mode");

        String volume = ((List<String>) map(services, "proxy").get("volumes")).get(0);
        Path nginx = compose.resolveSibling(volume.substring(2, volume.indexOf(':')));
        String conf = Files.readString(nginx);
        for (String upstream : List.of("presence-1:8080", "presence-2:8080", "presence-1:8081", "presence-2:8081")) {
            assertTrue(conf.contains("server " + upstream + ";"), upstream);
        }
        assertTrue(conf.contains("location /api/v1/ws"), "WebSocket connections go to the WebSocket listeners");
    }

    private static void assertDocumented(Set<String> settings) throws IOException {
        String configuration = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> missing = new ArrayList<>();
        for (String setting : settings) {
            assertTrue(SETTING.matcher(setting).matches(), setting);
            if (!configuration.contains("`" + setting + "`")) {
                missing.add(setting);
            }
        }
        assertEquals(List.of(), missing, "settings docs/configuration.md does not document");
    }

    private static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new LoaderOptions()).loadAll(reader)) {
                assertNotNull(document, () -> "an empty document in " + file);
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> from, String... path) {
        Map<String, Object> at = from;
        for (String key : path) {
            at = (Map<String, Object>) at.get(key);
            assertNotNull(at, () -> key + " in " + from);
        }
        return at;
    }
}
