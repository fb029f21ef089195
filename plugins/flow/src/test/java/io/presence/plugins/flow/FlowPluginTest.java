package io.presence.plugins.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowPluginTest extends AbstractResourcePluginContractTest {

    @Override
    protected ResourcePlugin createPlugin() {
        return new FlowPlugin();
    }

    @Override
    protected String validId(String type) {
        return "onboarding-v2";
    }

    @Test
    void everyUserOfTheTenantMaySeeAndEditFlows() {
        Caller anyone = new Caller("u1", "U", "acme", Set.of());
        ResourceRef ref = new ResourceRef("acme", "flow", "onboarding-v2");
        assertTrue(plugin.canSee(anyone, ref, ResourceFacts.none()));
        assertTrue(plugin.canEdit(anyone, ref, ResourceFacts.none()));
    }

    @Test
    void flowsArePublishedButNotApproved() {
        assertTrue(plugin.resourceTypes().get(0).hasAction("published"));
        assertFalse(plugin.resourceTypes().get(0).hasAction("approved"));
    }
}
