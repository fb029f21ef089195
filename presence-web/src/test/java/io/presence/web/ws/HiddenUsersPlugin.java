package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test plugin that narrows who sees whom, as a domain team's "partners only" plugin would: the users
 * listed in {@code presence.plugin.hidden-users} are seen by nobody but themselves. Added to test nodes
 * as a jar of its own ({@code --addLibs}), like any external plugin.
 */
public final class HiddenUsersPlugin implements ResourcePlugin {

    private volatile Set<String> hidden = Set.of();

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(ResourceType.of("hidden_users_test", "[A-Za-z0-9-]{1,64}", "created", "updated", "deleted"));
    }

    @Override
    public void init(PluginContext context) {
        hidden = context.config("hidden-users")
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    @Override
    public boolean canSeeUser(Caller viewer, String userId) {
        return !hidden.contains(userId);
    }
}
