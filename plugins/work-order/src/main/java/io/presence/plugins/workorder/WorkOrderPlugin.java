package io.presence.plugins.workorder;

import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.List;

/**
 * Work orders of a manufacturing ERP (seed 004). Ids look like {@code WO-1234}; every user of the
 * tenant may see and edit them.
 */
public final class WorkOrderPlugin implements ResourcePlugin {

    static final ResourceType WORK_ORDER = ResourceType.of(
            "work_order",
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            "created",
            "updated",
            "deleted",
            "status_changed",
            "kitted");

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(WORK_ORDER);
    }
}
