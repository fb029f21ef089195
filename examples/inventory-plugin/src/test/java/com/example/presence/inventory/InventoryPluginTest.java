package com.example.presence.inventory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The platform's contract for every plugin, plus the inventory rules. */
class InventoryPluginTest extends AbstractResourcePluginContractTest {

    private static final ResourceRef ITEM = new ResourceRef("acme", "inventory", "SKU-00042");

    @Override
    protected ResourcePlugin createPlugin() {
        return new InventoryPlugin();
    }

    @Override
    protected String validId(String type) {
        return "SKU-00042";
    }

    @Override
    protected Map<String, String> configuration() {
        return Map.of("inventory.edit-group", "warehouse");
    }

    @Test
    void everyoneSeesStockButOnlyTheWarehouseEditsIt() {
        Caller clerk = new Caller("u1", "Clerk", "acme", Set.of("sales"));
        Caller keeper = new Caller("u2", "Keeper", "acme", Set.of("warehouse"));
        assertTrue(plugin.canSee(clerk, ITEM, ResourceFacts.none()));
        assertFalse(plugin.canEdit(clerk, ITEM, ResourceFacts.none()));
        assertTrue(plugin.canEdit(keeper, ITEM, ResourceFacts.none()));
    }

    @Test
    void lowStockAndAdjustmentsAreEvents() {
        assertTrue(plugin.resourceTypes().get(0).hasAction("low_stock"));
        assertTrue(plugin.resourceTypes().get(0).hasAction("adjusted"));
        assertFalse(plugin.resourceTypes().get(0).acceptsId("WO-1"));
    }
}
