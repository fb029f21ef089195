package io.presence.core.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.plugins.fixtures.VersionOnePlugin;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees whose status: everyone sees themselves, and any plugin may hide anyone else. */
class UserVisibilityTest {

    private static final Caller ALICE = new Caller("alice", "Alice", "acme", Set.of());

    /** A plugin of SPI 1's kind: it says nothing about users. */
    private static final ResourcePlugin SILENT = plugin("silent", (viewer, user) -> true);
    /** Alice sees only her partner Bob. */
    private static final ResourcePlugin PARTNERS = plugin("partners", (viewer, user) -> user.equals("bob"));

    private interface Rule {
        boolean canSeeUser(Caller viewer, String userId);
    }

    private static ResourcePlugin plugin(String type, Rule rule) {
        return new ResourcePlugin() {
            @Override
            public int spiVersion() {
                return SPI_VERSION;
            }

            @Override
            public List<ResourceType> resourceTypes() {
                return List.of(ResourceType.of(type, "[a-z0-9-]{1,20}", "created", "updated", "deleted"));
            }

            @Override
            public boolean canSeeUser(Caller viewer, String userId) {
                return rule.canSeeUser(viewer, userId);
            }
        };
    }

    private static UserVisibility of(ResourcePlugin... plugins) {
        List<BoundPlugin> bound = Arrays.stream(plugins)
                .map(p -> new BoundPlugin(p.resourceTypes().get(0), p))
                .toList();
        return UserVisibility.of(ResourceTypeRegistry.of(bound));
    }

    /** A plugin written before SPI 2: it does not declare canSeeUser at all. */
    private static final ResourcePlugin OLD = new VersionOnePlugin();

    @Test
    void withoutANarrowingPluginEveryUserOfTheTenantIsVisible() {
        assertTrue(of(SILENT).canSee(ALICE, "carol"));
        assertTrue(of(OLD).canSee(ALICE, "carol"));
    }

    @Test
    void visibilityIsTenantWideOnlyWhenNoPluginDeclaresARule() {
        assertFalse(of(OLD).narrowed());
        assertTrue(of(OLD, SILENT).narrowed(), "a declared rule is asked, whatever it answers today");
        assertTrue(of(PARTNERS).narrowed());
    }

    @Test
    void anyPluginMayHideAUserAndNoneCanHideTheViewerFromItself() {
        UserVisibility visibility = of(SILENT, PARTNERS);
        assertTrue(visibility.canSee(ALICE, "bob"));
        assertFalse(visibility.canSee(ALICE, "carol"));
        assertTrue(visibility.canSee(ALICE, "alice"));
    }

    @Test
    void aPluginThatThrowsHidesTheUserInsteadOfFailingTheRequest() {
        ResourcePlugin broken = plugin("broken", (viewer, user) -> {
            throw new IllegalStateException("directory down");
        });
        assertFalse(of(SILENT, broken).canSee(ALICE, "bob"));
    }
}
