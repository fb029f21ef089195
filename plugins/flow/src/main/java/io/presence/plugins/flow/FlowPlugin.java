package io.presence.plugins.flow;

import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.List;

/**
 * Process flows that designers draft and publish. Every user of the tenant may see and edit them
 * (the SPI's defaults); {@code published} announces that a draft went live.
 */
public final class FlowPlugin implements ResourcePlugin {

    static final ResourceType FLOW =
            ResourceType.of("flow", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "created", "updated", "deleted", "published");

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(FLOW);
    }
}
