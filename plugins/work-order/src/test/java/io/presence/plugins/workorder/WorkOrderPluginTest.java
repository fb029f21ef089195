package io.presence.plugins.workorder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkOrderPluginTest extends AbstractResourcePluginContractTest {

    @Override
    protected ResourcePlugin createPlugin() {
        return new WorkOrderPlugin();
    }

    @Override
    protected String validId(String type) {
        return "WO-1234";
    }

    @Test
    void everyUserOfTheTenantMaySeeAndEditWorkOrders() {
        Caller anyone = new Caller("u1", "U", "acme", Set.of());
        ResourceRef ref = new ResourceRef("acme", "work_order", "WO-1");
        assertTrue(plugin.canSee(anyone, ref, ResourceFacts.none()));
        assertTrue(plugin.canEdit(anyone, ref, ResourceFacts.none()));
    }

    @Test
    void workOrdersHaveTheErpActions() {
        var type = plugin.resourceTypes().get(0);
        for (String action : new String[] {"status_changed", "kitted"}) {
            assertTrue(type.hasAction(action), action);
        }
    }
}
