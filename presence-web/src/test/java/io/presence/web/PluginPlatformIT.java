package io.presence.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.spi.ResourcePlugin;
import io.presence.web.ApiClient.Reply;
import io.presence.web.rest.RecordedResourceEvents;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin platform against the real WAR on Payara Micro: the four shipped types, conversation
 * participants and the visibility they give, and resource events up to the node's bus (observed by a
 * test-only listener, {@link RecordedResourceEvents}, added to the WAR).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PluginPlatformIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("presence.war")))
                .addClass(RecordedResourceEvents.class);
    }

    @ArquillianResource
    URL base;

    private ApiClient api;
    private String tenant;
    private String publisher;
    private String alice;
    private String carol;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(base.toURI());
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        publisher = api.token("erp", "ERP", new String[] {tenant}, new String[] {"presence-publisher"});
        alice = api.token("alice", "Alice", tenant);
        carol = api.token("carol", "Carol", tenant);
    }

    @Test
    void resourceTypesListEveryShippedPluginWithActionsAndVersions() {
        Reply reply = api.get("api/v1/resource-types", alice);
        assertEquals(200, reply.status(), reply.toString());
        Map<String, JsonObject> types = reply.json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(type -> type.getString("name"), type -> type));
        assertEquals(
                List.of("created", "deleted", "kitted", "status_changed", "updated"),
                strings(types.get("work_order"), "actions"));
        assertEquals(
                List.of("approved", "created", "deleted", "implemented", "updated"),
                strings(types.get("eco"), "actions"));
        assertEquals(List.of("created", "deleted", "published", "updated"), strings(types.get("flow"), "actions"));
        assertEquals(
                List.of("created", "deleted", "message_created", "updated"),
                strings(types.get("conversation"), "actions"));
        assertEquals("io.presence.plugins.eco.EcoPlugin", types.get("eco").getString("plugin"));
        assertEquals("1.0.0-SNAPSHOT", types.get("flow").getString("plugin_version"));
        assertEquals(ResourcePlugin.SPI_VERSION, types.get("conversation").getInt("spi_version"));
    }

    @Test
    void aConversationIsVisibleToItsParticipantsOnlyOnEveryEndpoint() {
        String chat = "api/v1/conversations/c-1/participants";
        assertEquals(
                403,
                api.send("PUT", chat, alice, null, "{\"participants\":[\"alice\"]}")
                        .status(),
                "only publishers register participants");
        assertEquals(
                403,
                api.send("PUT", chat, alice, null, "{\"participants\":\"alice\"}")
                        .status(),
                "a caller who may not register learns nothing of what the call accepts");
        assertEquals(
                422,
                api.send("PUT", chat, publisher, null, "{\"participants\":\"alice\"}")
                        .status());
        assertEquals(
                422,
                api.send("PUT", "api/v1/conversations/c:1/participants", publisher, null, "{\"participants\":[]}")
                        .status());
        Reply registered = api.send("PUT", chat, publisher, null, "{\"participants\":[\"bob\",\"alice\"]}");
        assertEquals(200, registered.status(), registered.toString());
        assertEquals(List.of("alice", "bob"), strings(registered.data(), "participants"));

        String record = "api/v1/presence/conversation/c-1";
        assertEquals(
                200,
                api.post(record + "/heartbeat", alice, "{\"tab_id\":\"a1\"}").status());
        assertEquals(
                1,
                api.get(record + "/viewers?include_self=true", alice)
                        .data()
                        .getJsonArray("viewers")
                        .size());
        assertHidden(api.post(record + "/heartbeat", carol, "{\"tab_id\":\"c1\"}"));
        assertHidden(api.get(record + "/viewers", carol));
        assertHidden(api.send("DELETE", record + "/unregister", carol, null, "{\"tab_id\":\"c1\"}"));
        assertHidden(api.get("api/v1/presence?resource_type=conversation&resource_id=c-1", carol));

        String otherTenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        assertHidden(api.get(record + "/viewers", api.token("alice", "Alice", otherTenant)));

        assertEquals(
                200,
                api.send("PUT", chat, publisher, null, "{\"participants\":[\"bob\"]}")
                        .status());
        assertHidden(api.get(record + "/viewers", alice));
    }

    @Test
    void anAcceptedEventReachesTheBusAndInvalidOnesAreRefusedWithTheirStatus() throws InterruptedException {
        String id = "WO-" + UUID.randomUUID().toString().substring(0, 8);
        Reply accepted = api.post(
                "api/v1/events",
                publisher,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"" + id
                        + "\",\"action\":\"kitted\",\"user_id\":5,\"user\":\"jsmith\",\"data\":{\"lines\":[1,2]}}");
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("work_order_kitted", accepted.data().getString("type"));

        JsonObject onBus = awaitOnBus(id);
        assertEquals(tenant, onBus.getString("tenant"), "the event belongs to the publisher's tenant");
        assertEquals("kitted", onBus.getString("action"));
        assertEquals("5", onBus.getString("user_id"));
        assertEquals("jsmith", onBus.getString("user"));
        assertEquals(2, onBus.getJsonObject("data").getJsonArray("lines").size());

        assertRefused(
                403,
                "publisher_required",
                alice,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"action\":\"updated\"}");
        assertRefused(
                422,
                "unknown_action",
                publisher,
                "{\"resource_type\":\"work_order\",\"resource_id\":\"WO-1\",\"action\":\"approved\"}");
        assertRefused(
                404,
                "unknown_resource_type",
                publisher,
                "{\"resource_type\":\"invoice\",\"resource_id\":\"1\",\"action\":\"created\"}");
        assertRefused(
                422,
                "invalid_field",
                publisher,
                "{\"resource_type\":\"eco\",\"resource_id\":\"a b\",\"action\":\"approved\"}");
        assertRefused(
                422,
                "invalid_field",
                publisher,
                "{\"resource_type\":\"flow\",\"resource_id\":\"f-1\",\"action\":\"published\",\"data\":[1]}");
        assertRefused(400, "malformed_request", publisher, "{\"resource_type\":");
        assertRefused(403, "publisher_required", alice, "{\"resource_type\":");
        assertRefused(403, "publisher_required", alice, "{\"resource_type\":\"invoice\"}");
    }

    private JsonObject awaitOnBus(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonString event : api.get("api/v1/test/resource-events", null)
                    .json()
                    .getJsonArray("data")
                    .getValuesAs(JsonString.class)) {
                JsonObject json =
                        Json.createReader(new StringReader(event.getString())).readObject();
                if (json.getString("resource_id").equals(id)) {
                    return json;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + id + " did not reach the bus within 10 s");
    }

    private void assertRefused(int status, String code, String token, String body) {
        Reply reply = api.post("api/v1/events", token, body);
        assertEquals(status, reply.status(), body + " -> " + reply);
        assertEquals(code, reply.errorCode(), body + " -> " + reply);
    }

    private static void assertHidden(Reply reply) {
        assertEquals(404, reply.status(), reply.toString());
        assertEquals("resource_not_found", reply.errorCode(), reply.toString());
        assertTrue(reply.json().getJsonObject("error").getString("message").contains("visible"), reply.toString());
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
