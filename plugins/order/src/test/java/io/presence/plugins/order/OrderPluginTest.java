package io.presence.plugins.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderPluginTest extends AbstractResourcePluginContractTest {

    @Override
    protected ResourcePlugin createPlugin() {
        return new OrderPlugin();
    }

    @Override
    protected String validId(String type) {
        return "123";
    }

    @Test
    void readOnlyUsersSeeButDoNotEdit() {
        ResourceRef ref = new ResourceRef("acme", "order", "123");
        Caller clerk = new Caller("u1", "U", "acme", Set.of());
        Caller auditor = new Caller("u2", "A", "acme", Set.of(OrderPlugin.READ_ONLY_GROUP));
        assertTrue(plugin.canEdit(clerk, ref, ResourceFacts.none()));
        assertTrue(plugin.canSee(auditor, ref, ResourceFacts.none()));
        assertFalse(plugin.canEdit(auditor, ref, ResourceFacts.none()));
    }

    @Test
    void seed002CallsItOrderAndLocksOnlyBusinessFields() {
        ResourceType order = plugin.resourceTypes().get(0);
        assertTrue(order.aliases().contains("Order"));
        assertEquals("Order", order.camelCaseName());
        assertTrue(order.isLockable("totalAmount"));
        assertFalse(order.isLockable("internalNotes"));
    }
}
