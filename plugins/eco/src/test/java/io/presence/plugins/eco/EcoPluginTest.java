package io.presence.plugins.eco;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EcoPluginTest extends AbstractResourcePluginContractTest {

    private static final ResourceRef ECO = new ResourceRef("acme", "eco", "ECO-2024-017");

    @Override
    protected ResourcePlugin createPlugin() {
        return new EcoPlugin();
    }

    @Override
    protected String validId(String type) {
        return "ECO-2024-017";
    }

    @Test
    void withoutConfigurationEveryUserOfTheTenantMaySeeAndEdit() {
        Caller anyone = caller();
        assertTrue(plugin.canSee(anyone, ECO, ResourceFacts.none()));
        assertTrue(plugin.canEdit(anyone, ECO, ResourceFacts.none()));
    }

    @Test
    void configuredViewGroupsHideEcosFromEveryoneElse() {
        EcoPlugin eco = configured(Map.of(EcoPlugin.VIEW_GROUPS, " engineering , approvers "));
        assertTrue(eco.canSee(caller("approvers"), ECO, ResourceFacts.none()));
        assertTrue(eco.canSee(caller("engineering", "other"), ECO, ResourceFacts.none()));
        assertFalse(eco.canSee(caller("sales"), ECO, ResourceFacts.none()));
        assertFalse(eco.canSee(caller(), ECO, ResourceFacts.none()));
    }

    @Test
    void configuredEditGroupsLetOthersOnlyLook() {
        EcoPlugin eco = configured(Map.of(EcoPlugin.EDIT_GROUPS, "approvers"));
        assertTrue(eco.canSee(caller("sales"), ECO, ResourceFacts.none()));
        assertFalse(eco.canEdit(caller("sales"), ECO, ResourceFacts.none()));
        assertTrue(eco.canEdit(caller("approvers"), ECO, ResourceFacts.none()));
    }

    @Test
    void anEditorOutsideTheViewGroupsMayNeitherSeeNorEdit() {
        EcoPlugin eco = configured(Map.of(EcoPlugin.VIEW_GROUPS, "engineering", EcoPlugin.EDIT_GROUPS, "approvers"));
        assertFalse(eco.canSee(caller("approvers"), ECO, ResourceFacts.none()));
        assertFalse(eco.canEdit(caller("approvers"), ECO, ResourceFacts.none()));
        assertTrue(eco.canEdit(caller("engineering", "approvers"), ECO, ResourceFacts.none()));
    }

    @Test
    void ecosHaveTheApprovalActions() {
        assertTrue(plugin.resourceTypes().get(0).hasAction("approved"));
        assertTrue(plugin.resourceTypes().get(0).hasAction("implemented"));
    }

    private static EcoPlugin configured(Map<String, String> config) {
        EcoPlugin eco = new EcoPlugin();
        eco.init(key -> Optional.ofNullable(config.get(key)));
        return eco;
    }

    private static Caller caller(String... groups) {
        return new Caller("u1", "U", "acme", Set.of(groups));
    }
}
