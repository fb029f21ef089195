package io.presence.plugins.eco;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Engineering change orders (seed 004: approvers see who else is looking, approval and
 * implementation are announced). Ids look like {@code ECO-2024-017}.
 *
 * <p>Who may see and edit comes from MicroProfile Config, read once at {@link #init}:
 * {@code presence.plugin.eco.view-groups} and {@code presence.plugin.eco.edit-groups}, each a
 * comma-separated list of token groups. An empty or missing list means "every user of the tenant",
 * so the plugin is open within the tenant out of the box. An editor must also be a viewer: with view
 * groups set, a member of an edit group who is in no view group sees nothing.
 */
public final class EcoPlugin implements ResourcePlugin {

    /** Configuration key (below {@code presence.plugin.}) of the groups that may see ECOs. */
    public static final String VIEW_GROUPS = "eco.view-groups";
    /** Configuration key (below {@code presence.plugin.}) of the groups that may edit ECOs. */
    public static final String EDIT_GROUPS = "eco.edit-groups";

    static final ResourceType ECO = ResourceType.of(
            "eco", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "created", "updated", "deleted", "approved", "implemented");

    private volatile Set<String> viewGroups = Set.of();
    private volatile Set<String> editGroups = Set.of();

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(ECO);
    }

    @Override
    public void init(PluginContext context) {
        viewGroups = groups(context, VIEW_GROUPS);
        editGroups = groups(context, EDIT_GROUPS);
    }

    @Override
    public boolean canSee(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return inAnyOf(caller, viewGroups);
    }

    @Override
    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return canSee(caller, ref, facts) && inAnyOf(caller, editGroups);
    }

    /** True when no groups are configured, or when the caller is in one of them. */
    private static boolean inAnyOf(Caller caller, Set<String> groups) {
        return groups.isEmpty() || groups.stream().anyMatch(caller::inGroup);
    }

    private static Set<String> groups(PluginContext context, String key) {
        return context.config(key)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(group -> !group.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
