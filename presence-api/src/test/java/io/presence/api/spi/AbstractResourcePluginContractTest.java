package io.presence.api.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every plugin keeps. A plugin's own test extends this class, says how to make the
 * plugin and gives one valid id per type; the tests here check what the platform relies on.
 */
public abstract class AbstractResourcePluginContractTest {

    protected ResourcePlugin plugin;

    /** A new, not yet initialised instance of the plugin under test. */
    protected abstract ResourcePlugin createPlugin();

    /** One id that the given type accepts. */
    protected abstract String validId(String type);

    /** Configuration the plugin is initialised with; none by default. */
    protected Map<String, String> configuration() {
        return Map.of();
    }

    @BeforeEach
    void initialise() {
        plugin = createPlugin();
        plugin.init(key -> Optional.ofNullable(configuration().get(key)));
    }

    @Test
    void declaresAtLeastOneTypeWithUniqueNames() {
        List<ResourceType> types = plugin.resourceTypes();
        assertFalse(types.isEmpty(), "resourceTypes() must declare at least one type");
        Set<String> names = new HashSet<>();
        types.forEach(type -> assertTrue(names.add(type.name()), "type declared twice: " + type.name()));
    }

    @Test
    void isBuiltForASupportedSpiVersion() {
        assertTrue(
                plugin.spiVersion() >= 1 && plugin.spiVersion() <= ResourcePlugin.SPI_VERSION,
                "spiVersion() returned " + plugin.spiVersion());
    }

    @Test
    void everyTypeHasTheStandardActions() {
        for (ResourceType type : plugin.resourceTypes()) {
            for (String action : List.of("created", "updated", "deleted")) {
                assertTrue(type.hasAction(action), type.name() + " lacks action " + action);
            }
        }
    }

    @Test
    void acceptsItsValidIdAndRejectsKeyBreakingIds() {
        for (ResourceType type : plugin.resourceTypes()) {
            assertTrue(type.acceptsId(validId(type.name())), type.name() + " rejects " + validId(type.name()));
            for (String bad : List.of("", "a:b", "a{b}", "a b", "a\u001fb", "x".repeat(300))) {
                assertFalse(type.acceptsId(bad), type.name() + " accepts the unsafe id '" + bad + "'");
            }
        }
    }

    @Test
    void accessChecksAnswerForAnyCallerWithoutThrowing() {
        Caller stranger = new Caller("stranger", "Stranger", "tenant-a", Set.of());
        for (ResourceType type : plugin.resourceTypes()) {
            ResourceRef ref = new ResourceRef("tenant-a", type.name(), validId(type.name()));
            assertDoesNotThrow(() -> plugin.canSee(stranger, ref, ResourceFacts.none()));
            assertDoesNotThrow(() -> plugin.canEdit(stranger, ref, ResourceFacts.none()));
            ResourceFacts others = ResourceFacts.ofParticipants(Set.of("someone-else"));
            assertDoesNotThrow(() -> plugin.canSee(stranger, ref, others));
            assertDoesNotThrow(() -> plugin.canEdit(stranger, ref, others));
        }
    }

    @Test
    void userVisibilityAnswersForAnyViewerWithoutThrowing() {
        Caller stranger = new Caller("stranger", "Stranger", "tenant-a", Set.of());
        assertDoesNotThrow(() -> plugin.canSeeUser(stranger, "someone-else"));
        assertDoesNotThrow(() -> plugin.canSeeUser(stranger, "x".repeat(200)));
    }

    @Test
    void noTypeTakesTheReservedNameUsers() {
        for (ResourceType type : plugin.resourceTypes()) {
            assertFalse(type.name().equals("users"), "'users' names the users subscription and cannot be a type");
        }
    }

    @Test
    void whoMayEditMayAlsoSee() {
        Caller member = new Caller("member", "Member", "tenant-a", Set.of("presence-publisher"));
        ResourceFacts withMember = ResourceFacts.ofParticipants(Set.of("member"));
        for (ResourceType type : plugin.resourceTypes()) {
            ResourceRef ref = new ResourceRef("tenant-a", type.name(), validId(type.name()));
            if (plugin.canEdit(member, ref, withMember)) {
                assertTrue(
                        plugin.canSee(member, ref, withMember),
                        type.name() + ": canEdit said yes where canSee said no");
            }
        }
    }

    @Test
    void unknownActionsAreRefused() {
        for (ResourceType type : plugin.resourceTypes()) {
            assertFalse(type.hasAction("no_such_action"), type.name() + " accepts any action");
        }
    }

    @Test
    void isRegisteredForServiceLoader() {
        boolean found = ServiceLoader.load(
                        ResourcePlugin.class, plugin.getClass().getClassLoader())
                .stream()
                .anyMatch(provider -> provider.type().equals(plugin.getClass()));
        assertTrue(
                found,
                plugin.getClass().getName() + " is not listed in META-INF/services/" + ResourcePlugin.class.getName());
    }

    @Test
    void typeNamesAreStable() {
        assertEquals(
                plugin.resourceTypes(),
                createPlugin().resourceTypes(),
                "two instances of the plugin must declare the same types");
    }
}
