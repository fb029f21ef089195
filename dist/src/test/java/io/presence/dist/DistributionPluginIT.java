package io.presence.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A domain team's plugin, built on its own and dropped into the distribution's {@code plugins/}
 * folder: the launcher puts it on the class path, the registry binds it, and its type works for
 * presence and events like the built-in ones.
 */
class DistributionPluginIT {

    private static final String RECORD = "api/v1/presence/inventory/SKU-00042";

    @Test
    void anExternalPluginJarInPluginsAddsAWorkingResourceType() throws Exception {
        Path home = ExamplePluginBuild.copyOfDistribution(LauncherProcess.distribution(), "dist-with-inventory");
        Path jar = ExamplePluginBuild.inventoryJar(LauncherProcess.distribution());
        Files.copy(jar, home.resolve("plugins/inventory-plugin-1.0.0.jar"));
        try (LauncherProcess node = LauncherProcess.start(
                home, "dist-inventory", Map.of("PRESENCE_PLUGIN_INVENTORY_EDIT_GROUP", "warehouse"))) {
            ApiClient api = new ApiClient(node.base());
            String clerk = api.token("clerk", "Carl Clerk", "acme");
            String keeper = api.token("keeper", "Kim Keeper", new String[] {"acme"}, new String[] {"warehouse"});
            String app = api.token("erp", "ERP", new String[] {"acme"}, new String[] {"presence-publisher"});

            JsonObject inventory = type(api.get("api/v1/resource-types", clerk), "inventory");
            assertEquals(
                    List.of("adjusted", "created", "deleted", "low_stock", "updated"), strings(inventory, "actions"));
            assertEquals("com.example.presence.inventory.InventoryPlugin", inventory.getString("plugin"));
            assertEquals("1.0.0", inventory.getString("plugin_version"));
            assertEquals(List.of("location", "quantity", "reorder_point"), strings(inventory, "lockable_fields"));
            assertTrue(
                    node.log().contains("bound plugin com.example.presence.inventory.InventoryPlugin"),
                    "the registry logs the plugin it bound");

            assertEquals(
                    200,
                    api.post(RECORD + "/heartbeat", clerk, "{\"tab_id\":\"t1\"}")
                            .status());
            assertEquals(
                    200,
                    api.post(RECORD + "/heartbeat", keeper, "{\"tab_id\":\"t2\",\"mode\":\"edit\"}")
                            .status());
            Reply denied = api.post(RECORD + "/heartbeat", clerk, "{\"tab_id\":\"t1\",\"mode\":\"edit\"}");
            assertEquals(403, denied.status(), "the plugin's configured edit group applies: " + denied);
            Reply viewers = api.get(RECORD + "/viewers", clerk);
            assertEquals(1, viewers.data().getJsonArray("viewers").size(), viewers.toString());
            assertEquals(
                    "keeper",
                    viewers.data().getJsonArray("viewers").getJsonObject(0).getString("id"));
            assertEquals(
                    404,
                    api.post("api/v1/presence/inventory/WO-1/heartbeat", clerk, "{\"tab_id\":\"t3\"}")
                            .status(),
                    "ids the plugin rejects do not exist");

            Reply event = api.post(
                    "api/v1/events",
                    app,
                    "{\"resource_type\":\"inventory\",\"resource_id\":\"SKU-00042\","
                            + "\"action\":\"low_stock\",\"user_id\":5,\"user\":\"jsmith\",\"data\":{\"quantity\":3}}");
            assertEquals(200, event.status(), event.toString());
            assertEquals("inventory_low_stock", event.data().getString("type"));
            Reply unknown = api.post(
                    "api/v1/events",
                    app,
                    "{\"resource_type\":\"inventory\",\"resource_id\":\"SKU-00042\",\"action\":\"kitted\"}");
            assertEquals(422, unknown.status(), unknown.toString());
            assertEquals("unknown_action", unknown.errorCode());
        }
    }

    private static JsonObject type(Reply types, String name) {
        return types.json().getJsonArray("data").stream()
                .map(value -> value.asJsonObject())
                .filter(type -> type.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from " + types));
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
