package io.presence.plugins.order;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.util.List;

/**
 * Sales orders (seed 002, whose clients call the type {@code Order}). Every user of the tenant may see
 * them; users in the group {@value #READ_ONLY_GROUP} may not edit them, and so may not lock their
 * fields. Only the order's business fields are lockable.
 */
public final class OrderPlugin implements ResourcePlugin {

    /** The token group of users who may look at orders but not change them. */
    public static final String READ_ONLY_GROUP = "orders-read-only";

    static final ResourceType ORDER = ResourceType.of(
                    "order", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", "created", "updated", "deleted")
            .withLockableFields("totalAmount", "customer", "deliveryDate", "status", "note")
            .withAliases("Order", "SalesOrder");

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(ORDER);
    }

    @Override
    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
        return !caller.inGroup(READ_ONLY_GROUP);
    }
}
