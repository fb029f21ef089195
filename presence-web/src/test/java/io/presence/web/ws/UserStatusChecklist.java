package io.presence.web.ws;

import static io.presence.web.ws.Seed003Client.assertPresence;
import static io.presence.web.ws.Seed003Client.assertStatus;
import static io.presence.web.ws.Seed003Client.data;
import static io.presence.web.ws.Seed003Client.initialState;
import static io.presence.web.ws.Seed003Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.spi.ResourcePlugin;
import io.presence.web.ApiClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's backend checklist against real Payara Micro nodes, spoken by its own client
 * ({@link Seed003Client}) beside the product's API: status updates and their broadcast, bulk and single
 * look-ups with 404 for hidden and unknown users, typing for participants that lapses after 5 s,
 * WebSocket authentication by header and by query, a reconnect's fresh state, offline after the
 * heartbeat timeout, 429 with {@code Retry-After}. Actions go to {@link #actorNode()}, watchers sit on
 * {@link #watcherNode()} (two nodes on one Redis in the cluster run, one node otherwise). Each test works
 * in a tenant of its own; the nodes run with a device timeout of {@value #TIMEOUT_SECONDS} s and hide
 * user {@value #HIDDEN} from everyone else (a test plugin's {@code canSeeUser}).
 */
abstract class UserStatusChecklist {

    static final int TIMEOUT_SECONDS = 4;
    static final String HIDDEN = "9999";
    static final Duration WAIT = Duration.ofSeconds(15);

    /** Where the test plugin reads the users hidden by rules a test changes ({@link HiddenUsersPlugin}). */
    static final Path RULES = Path.of("target", "hidden-users-rules.txt").toAbsolutePath();

    /**
     * The nodes' settings: a short device timeout, quick sweeps and grace, the hidden user and the rule
     * file; the actor node also announces the rule file's changes ({@link #announcing}).
     */
    static final Map<String, String> SETTINGS = Map.of(
            "PRESENCE_STATUS_TIMEOUT_SECONDS",
            String.valueOf(TIMEOUT_SECONDS),
            "PRESENCE_SWEEP_INTERVAL_MS",
            "250",
            "PRESENCE_WS_GRACE_SECONDS",
            "2",
            "PRESENCE_PLUGIN_HIDDEN_USERS",
            HIDDEN,
            "PRESENCE_PLUGIN_HIDDEN_USERS_FILE",
            RULES.toString());

    /** The settings of the node whose plugin announces rule changes. */
    static Map<String, String> announcing(Map<String, String> settings) {
        Map<String, String> own = new HashMap<>(settings);
        own.put("PRESENCE_PLUGIN_HIDDEN_USERS_ANNOUNCE", "true");
        return own;
    }

    protected abstract PayaraNode actorNode();

    protected abstract PayaraNode watcherNode();

    private String tenant;

    @BeforeEach
    void ownTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The jars a node needs for the test plugin, for {@code --addLibs}: the SPI (as the distribution adds
     * {@code lib/presence-api.jar}, so that the plugin and the application share one interface) and a jar
     * holding {@link HiddenUsersPlugin} and its services entry.
     */
    static List<Path> pluginJars() throws IOException {
        return List.of(apiJar(), pluginJar());
    }

    /** The SPI's jar; in a reactor build its classes are a directory, which is jarred here. */
    private static Path apiJar() throws IOException {
        Path location;
        try {
            location = Path.of(ResourcePlugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = Path.of("target", "presence-api-for-tests.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> classes = Files.walk(location)) {
            for (Path entry : classes.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(location.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
            }
        }
        return jar;
    }

    private static Path pluginJar() throws IOException {
        Path jar = Path.of("target", "hidden-users-plugin.jar");
        String resource = HiddenUsersPlugin.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(resource));
            try (var in = HiddenUsersPlugin.class.getClassLoader().getResourceAsStream(resource)) {
                in.transferTo(out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.presence.api.spi.ResourcePlugin"));
            out.write((HiddenUsersPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static ApiClient api(PayaraNode node) {
        return new ApiClient(URI.create("http://127.0.0.1:" + node.port() + "/"));
    }

    private String token(PayaraNode node, String user, String tenant) {
        return api(node).token(user, "User " + user, tenant);
    }

    private Seed003Client actor(String user) {
        return new Seed003Client(actorNode().port(), token(actorNode(), user, tenant));
    }

    private Seed003Client watcher(String user) {
        return new Seed003Client(watcherNode().port(), token(watcherNode(), user, tenant));
    }

    private WsTestClient productSocket(PayaraNode node, String user) {
        return WsTestClient.connect(node.port(), token(node, user, tenant), tenant);
    }

    /** The next message of {@code type} about {@code userId}, in seed 003's form or the product's. */
    private static JsonObject awaitType(WsTestClient client, String type, String userId) {
        return client.await(m -> m.getString("type").equals(type) && userId.equals(userOf(m)), WAIT);
    }

    private static String userOf(JsonObject message) {
        JsonObject data = message.getJsonObject("data");
        JsonValue id = data != null ? data.get("user_id") : message.get("user_id");
        return id instanceof JsonString string ? string.getString() : String.valueOf(id);
    }

    @Test
    void aStatusUpdateAnswersInTheSeedsShapeAndReachesSubscribersOfBothProtocols() {
        try (WsTestClient seed = watcher("102").subscribeWithHeader();
                WsTestClient product = productSocket(watcherNode(), "103")) {
            assertEquals(List.of(), initialState(seed.next(WAIT)));
            product.send("{\"type\":\"subscribe\",\"resource_type\":\"users\",\"ref\":1}");
            JsonObject snapshot = product.next("snapshot");
            assertEquals("users", snapshot.getString("resource_type"));
            assertEquals(1, snapshot.getInt("ref"));

            HttpResponse<String> answer = actor("101").updateStatus("online");
            assertEquals(200, answer.statusCode(), answer.body());
            Instant seen = assertStatus(json(answer), 101, "online");

            JsonObject update = data(awaitType(seed, "presence_update", "101"), "presence_update");
            assertEquals(seen, assertStatus(update, 101, "online"));
            JsonObject status = awaitType(product, "status", "101");
            assertEquals("online", status.getString("status"));
            assertEquals(Set.of("type", "user_id", "status", "last_seen"), status.keySet());
        }
    }

    @Test
    void aPluginsChangedRuleOfWhoSeesWhomReachesOpenConnectionsAtOnce() throws IOException {
        assertEquals(200, actor("701").updateStatus("online").statusCode());
        assertEquals(200, actor("702").updateStatus("away").statusCode());
        try (WsTestClient seed = watcher("703").subscribeWithHeader();
                WsTestClient product = productSocket(watcherNode(), "704")) {
            assertEquals(Set.of(702L, 701L), seedIds(seed.next(WAIT)));
            product.send("{\"type\":\"subscribe\",\"resource_type\":\"users\",\"ref\":1}");
            assertEquals(Set.of("702", "701"), productIds(product.next("snapshot")));

            rule(tenant + ":701", true);
            assertEquals(Set.of(702L), seedIds(seed.next(WAIT)), "the actor node announced, this one asked again");
            JsonObject fresh = product.next("snapshot");
            assertEquals(Set.of("702"), productIds(fresh));
            assertFalse(fresh.containsKey("ref"), fresh.toString());

            rule(tenant + ":701", false);
            assertEquals(Set.of(702L, 701L), seedIds(seed.next(WAIT)));
            assertEquals(Set.of("702", "701"), productIds(product.next("snapshot")));
        } finally {
            rule(tenant + ":701", false);
        }
    }

    private static Set<Long> seedIds(JsonObject initialState) {
        return initialState(initialState).stream()
                .map(user -> user.getJsonNumber("user_id").longValue())
                .collect(Collectors.toSet());
    }

    private static Set<String> productIds(JsonObject snapshot) {
        return snapshot.getJsonArray("users").getValuesAs(JsonValue::asJsonObject).stream()
                .map(user -> user.getString("user_id"))
                .collect(Collectors.toSet());
    }

    /** Adds or removes one {@code tenant:user} line of the test plugin's rule file, in one atomic move. */
    private static synchronized void rule(String line, boolean hidden) throws IOException {
        List<String> lines = new ArrayList<>(Files.exists(RULES) ? Files.readAllLines(RULES) : List.of());
        lines.remove(line);
        if (hidden) {
            lines.add(line);
        }
        Path next = RULES.resolveSibling(RULES.getFileName() + ".next");
        Files.write(next, lines);
        Files.move(next, RULES, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void bulkAndSingleLookUpsListVisibleUsersAndAnswer404ForHiddenAndUnknownAlike() {
        assertEquals(200, actor("201").updateStatus("online").statusCode());
        assertEquals(200, actor("202").updateStatus("away").statusCode());
        assertEquals(200, actor(HIDDEN).updateStatus("online").statusCode());
        Seed003Client viewer = watcher("203");

        HttpResponse<String> all = viewer.users(null);
        assertEquals(200, all.statusCode(), all.body());
        List<JsonObject> users = ApiClient.reply(all).body().asJsonArray().getValuesAs(JsonValue::asJsonObject);
        assertEquals(
                List.of(202L, 201L),
                users.stream().map(u -> u.getJsonNumber("user_id").longValue()).toList());
        assertPresence(users.get(0), 202, "away", false);
        assertPresence(users.get(1), 201, "online", false);

        JsonArray some =
                ApiClient.reply(viewer.users("202," + HIDDEN + ",555")).body().asJsonArray();
        assertEquals(1, some.size(), some.toString());
        assertPresence(some.getJsonObject(0), 202, "away", false);

        assertPresence(json(viewer.user("201")), 201, "online", false);
        HttpResponse<String> hidden = viewer.user(HIDDEN);
        HttpResponse<String> unknown = viewer.user("555");
        assertEquals(404, hidden.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(json(unknown).getString("code"), json(hidden).getString("code"));
        assertEquals(json(unknown).keySet(), json(hidden).keySet());
        assertEquals(200, actor(HIDDEN).user(HIDDEN).statusCode(), "everyone sees themselves");

        String viewerToken = token(watcherNode(), "203", tenant);
        ApiClient.Reply product = api(watcherNode()).get("api/v1/users?user_ids=201,202", viewerToken);
        assertEquals(200, product.status(), product.toString());
        JsonObject first = product.data().getJsonArray("users").getJsonObject(0);
        assertEquals("201", first.getString("user_id"));
        assertEquals(List.of(), first.getJsonArray("typing_in"));
        ApiClient.Reply hiddenProduct = api(watcherNode()).get("api/v1/users/" + HIDDEN, viewerToken);
        assertEquals(404, hiddenProduct.status());
        assertEquals("user_not_found", hiddenProduct.errorCode());
    }

    @Test
    void userIdsBeyondTheCapAreRefusedNamingTheField() {
        Seed003Client viewer = watcher("251");
        String over = IntStream.rangeClosed(1, 1_001).mapToObj(String::valueOf).collect(Collectors.joining(","));
        HttpResponse<String> refused = viewer.users(over);
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("user_ids", json(refused).getString("field"));
        String huge = IntStream.rangeClosed(1, 10_000).mapToObj(String::valueOf).collect(Collectors.joining(","));
        HttpResponse<String> tenThousand = viewer.users(huge);
        assertEquals(422, tenThousand.statusCode(), tenThousand.body());
        assertEquals("user_ids", json(tenThousand).getString("field"));
        ApiClient.Reply product =
                api(watcherNode()).get("api/v1/users?user_ids=" + huge, token(watcherNode(), "251", tenant));
        assertEquals(422, product.status());
        assertEquals(
                "user_ids",
                product.json().getJsonObject("error").getJsonObject("details").getString("field"));
    }

    @Test
    void typingReachesParticipantsShowsInIsTypingAndLapsesFiveSecondsAfterTheLastStart() {
        String publisher =
                api(actorNode()).token("erp", "ERP", new String[] {tenant}, new String[] {"presence-publisher"});
        ApiClient.Reply registered = api(actorNode())
                .send(
                        "PUT",
                        "api/v1/conversations/123/participants",
                        publisher,
                        null,
                        "{\"participants\":[\"301\",\"302\"]}");
        assertEquals(200, registered.status(), registered.toString());
        assertEquals(200, actor("301").updateStatus("online").statusCode());
        try (WsTestClient seed = watcher("302").subscribeWithHeader();
                WsTestClient outsider = watcher("303").subscribeWithQuery()) {
            initialState(seed.next(WAIT));
            initialState(outsider.next(WAIT));
            long started = System.nanoTime();
            HttpResponse<String> typing = actor("301").typing("123", true);
            assertEquals(200, typing.statusCode(), typing.body());
            assertEquals("{\"conversation_id\":123,\"is_typing\":true}", typing.body());

            JsonObject update = data(awaitType(seed, "typing_update", "301"), "typing_update");
            assertEquals("{\"user_id\":301,\"conversation_id\":123,\"is_typing\":true}", update.toString());
            assertTyping(watcher("302").user("301"), true);
            assertTyping(watcher("303").user("301"), false);
            HttpResponse<String> stranger = actor("303").typing("123", true);
            assertEquals(404, stranger.statusCode(), "a non-participant does not see the conversation");

            JsonObject stopped = data(
                    seed.await(
                            m -> m.getString("type").equals("typing_update")
                                    && !m.getJsonObject("data").getBoolean("is_typing"),
                            WAIT),
                    "typing_update");
            long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertEquals(301, stopped.getInt("user_id"));
            assertTrue(elapsedMs >= 4_900, "typing lapsed after " + elapsedMs + " ms, before 5 s");
            assertTrue(elapsedMs <= 9_000, "typing lapsed only after " + elapsedMs + " ms");
            assertTyping(watcher("302").user("301"), false);
            outsider.assertNoneFor(
                    Duration.ofMillis(300), m -> m.getString("type").equals("typing_update"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theWebSocketTakesTheBearerHeaderOrTheTokenParameterPerConnectionAndRefusesOtherwise() {
        String other = "u" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, actor("401").updateStatus("online").statusCode());
        Seed003Client elsewhere = new Seed003Client(actorNode().port(), token(actorNode(), "402", other));
        assertEquals(200, elsewhere.updateStatus("online").statusCode());
        List<WsTestClient> mine = new ArrayList<>();
        List<WsTestClient> theirs = new ArrayList<>();
        try {
            Seed003Client me = watcher("403");
            Seed003Client them = new Seed003Client(watcherNode().port(), token(watcherNode(), "404", other));
            for (int i = 0; i < 6; i++) {
                mine.add(me.subscribeWithHeader());
                theirs.add(them.subscribeWithHeader());
            }
            for (WsTestClient client : mine) {
                assertEquals(List.of(401L), ids(initialState(client.next(WAIT))));
            }
            for (WsTestClient client : theirs) {
                assertEquals(List.of(402L), ids(initialState(client.next(WAIT))));
            }
            try (WsTestClient byQuery = me.subscribeWithQuery()) {
                assertEquals(List.of(401L), ids(initialState(byQuery.next(WAIT))));
            }
        } finally {
            mine.forEach(WsTestClient::close);
            theirs.forEach(WsTestClient::close);
        }
        for (String path : List.of("/api/presence/subscribe", "/api/presence/subscribe?token=not-a-token")) {
            try (WsTestClient refused = WsTestClient.connect(watcherNode().port(), path, Map.of())) {
                assertEquals(1008, refused.awaitClose(WAIT).code(), path);
                assertEquals(0, refused.waiting(), "no data before authentication");
            }
        }
    }

    @Test
    void aReconnectGetsAFreshInitialStateAndTheChangesAfterIt() {
        assertEquals(200, actor("501").updateStatus("online").statusCode());
        Seed003Client watcher = watcher("502");
        try (WsTestClient first = watcher.subscribeWithHeader()) {
            assertEquals(List.of(501L), ids(initialState(first.next(WAIT))));
            first.closeNormally();
        }
        assertEquals(200, actor("503").updateStatus("away").statusCode());
        try (WsTestClient again = watcher.subscribeWithHeader()) {
            List<JsonObject> state = initialState(again.next(WAIT));
            assertEquals(Set.of(501L, 503L), Set.copyOf(ids(state)));
            assertEquals(
                    "away",
                    state.stream()
                            .filter(p -> p.getInt("user_id") == 503)
                            .findFirst()
                            .orElseThrow()
                            .getString("status"));
            assertEquals(200, actor("504").updateStatus("online").statusCode());
            assertStatus(data(awaitType(again, "presence_update", "504"), "presence_update"), 504, "online");
        }
    }

    @Test
    void aUserWhoseDeviceStopsReportingGoesOfflineAfterTheTimeoutAndWatchersAreTold() {
        try (WsTestClient seed = watcher("602").subscribeWithHeader()) {
            initialState(seed.next(WAIT));
            long reported = System.nanoTime();
            Instant seen = assertStatus(json(actor("601").updateStatus("online")), 601, "online");
            awaitType(seed, "presence_update", "601");
            JsonObject offline = data(
                    seed.await(
                            m -> m.getString("type").equals("presence_update")
                                    && m.getJsonObject("data")
                                            .getString("status")
                                            .equals("offline"),
                            WAIT),
                    "presence_update");
            long elapsedMs = Duration.ofNanos(System.nanoTime() - reported).toMillis();
            assertEquals(seen, assertStatus(offline, 601, "offline"), "last seen is the last report");
            assertTrue(elapsedMs >= TIMEOUT_SECONDS * 1000 - 1000, "offline after only " + elapsedMs + " ms");
            assertTrue(elapsedMs <= TIMEOUT_SECONDS * 1000 + 5000, "offline only after " + elapsedMs + " ms");
            assertPresence(json(watcher("602").user("601")), 601, "offline", false);
        }
    }

    @Test
    void aSecondStatusWithinFiveSecondsIs429WithRetryAfterOnEitherNodeAndChangesNothing() {
        assertEquals(200, actor("701").updateStatus("online").statusCode());
        Seed003Client sameUserOnWatcherNode = watcher("701");
        HttpResponse<String> limited = sameUserOnWatcherNode.updateStatus("away");
        assertEquals(429, limited.statusCode(), limited.body());
        long retry = Seed003Client.retryAfter(limited).toSeconds();
        assertTrue(retry >= 1 && retry <= 5, "Retry-After: " + retry);
        assertEquals("rate_limited", json(limited).getString("code"));

        HttpResponse<String> product = api(actorNode())
                .exchange(
                        "POST",
                        "api/v1/users/me/status",
                        token(actorNode(), "701", tenant),
                        null,
                        "{\"status\":\"away\"}");
        assertEquals(429, product.statusCode(), product.body());
        assertTrue(product.headers().firstValue("Retry-After").isPresent());
        assertEquals("rate_limited", ApiClient.reply(product).errorCode());
        assertPresence(json(watcher("702").user("701")), 701, "online", false);
    }

    @Test
    void theProductsWebSocketReportsStatusAndTypingAndNamesTheFieldOfBadInput() {
        try (WsTestClient watcher = productSocket(watcherNode(), "802");
                WsTestClient device = productSocket(actorNode(), "801")) {
            watcher.send("{\"type\":\"subscribe\",\"resource_type\":\"users\",\"ref\":1}");
            watcher.next("snapshot");
            device.send("{\"type\":\"status\",\"status\":\"online\",\"device_id\":\"laptop-1\",\"ref\":2}");
            JsonObject ack = device.next("status_ack");
            assertEquals("online", ack.getString("status"));
            assertEquals("laptop-1", ack.getString("device_id"));
            assertEquals(2, ack.getInt("ref"));
            assertEquals("online", awaitType(watcher, "status", "801").getString("status"));

            device.send("{\"type\":\"status\",\"status\":\"busy\",\"ref\":3}");
            assertError(device.next("error"), "invalid_field", "status", 3);
            String ids = IntStream.rangeClosed(1, 1_001)
                    .mapToObj(i -> "\"" + i + "\"")
                    .collect(Collectors.joining(","));
            device.send("{\"type\":\"subscribe\",\"resource_type\":\"users\",\"user_ids\":[" + ids + "],\"ref\":4}");
            assertError(device.next("error"), "invalid_field", "user_ids", 4);
            device.send("{\"type\":\"typing\",\"conversation_id\":\"c-9\",\"is_typing\":\"yes\",\"ref\":5}");
            assertError(device.next("error"), "invalid_field", "is_typing", 5);
            device.send("{\"type\":\"typing\",\"conversation_id\":\"c-9\",\"is_typing\":true,\"ref\":6}");
            assertEquals("resource_not_found", device.next("error").getString("code"));

            device.closeNormally();
            assertEquals(
                    "offline",
                    watcher.await(
                                    m -> m.getString("type").equals("status")
                                            && m.getString("user_id").equals("801")
                                            && m.getString("status").equals("offline"),
                                    WAIT)
                            .getString("status"));
        }
    }

    @Test
    void aConnectionsDeviceStaysOnlinePastTheTimeoutWhileItLives() throws InterruptedException {
        try (WsTestClient watcher = productSocket(watcherNode(), "902");
                WsTestClient device = productSocket(actorNode(), "901")) {
            watcher.send("{\"type\":\"subscribe\",\"resource_type\":\"users\"}");
            watcher.next("snapshot");
            device.send("{\"type\":\"status\",\"status\":\"away\"}");
            device.next("status_ack");
            assertEquals("away", awaitType(watcher, "status", "901").getString("status"));
            watcher.assertNoneFor(Duration.ofSeconds(TIMEOUT_SECONDS * 2L), m -> m.getString("type")
                    .equals("status"));
            assertPresence(json(watcher("902").user("901")), 901, "away", false);
        }
    }

    /** User 301's presence with {@code is_typing} as expected, whatever its status by now. */
    private static void assertTyping(HttpResponse<String> answer, boolean typing) {
        JsonObject body = json(answer);
        assertPresence(body, 301, body.getString("status"), typing);
    }

    private static void assertError(JsonObject error, String code, String field, int ref) {
        assertEquals(code, error.getString("code"), error.toString());
        assertEquals(field, error.getJsonObject("details").getString("field"), error.toString());
        assertEquals(ref, error.getInt("ref"));
    }

    private static List<Long> ids(List<JsonObject> presences) {
        return presences.stream()
                .map(p -> p.getJsonNumber("user_id").longValue())
                .toList();
    }
}
