package com.example.presence.inventory;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * Inventory items of seed 004 ("prevent inventory conflicts, real-time stock updates, low stock
 * alerts"), as an example of a plugin a domain team builds and deploys on its own.
 *
 * <p>Ids are stock keeping units such as {@code SKU-00042}. Every user of the tenant may look at an
 * item; only members of the group configured as {@code presence.plugin.inventory.edit-group}
 * (environment {@code PRESENCE_PLUGIN_INVENTORY_EDIT_GROUP}) may edit it, everyone if it is not set.
 * The quantity, location and reorder point may be locked field by field.
 */
public final class InventoryPlugin implements ResourcePlugin {

    static final ResourceType INVENTORY = ResourceType.of("inventory", "SKU-[0-9]{1,12}",
            "created", "updated", "deleted", "low_stock", "adjusted")
            .withLockableFields("quantity", "location", "reorder_point");

    private volatile Optional<String> editGroup = Optional.empty();

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(INVENTORY);
    }

    @Override
    public void init(PluginContext context) {
        editGroup = context.config("inventory.edit-group").map(String::trim).filter(group -> !group.isEmpty());
    }

    @Override
    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return editGroup.map(caller::inGroup).orElse(true);
    }
}
