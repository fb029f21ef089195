package io.presence.core.hub;

import io.presence.core.limits.Caps;
import java.time.Duration;

/**
 * The hub's settings, resolved from configuration by {@link HubWiring} (docs/configuration.md).
 *
 * @param nodeId this node's id, the tag of the tabs its connections hold ({@code presence.node-id})
 * @param tabTtl how long a tab lives without a refresh ({@code presence.tab-ttl-seconds}); node tabs
 *     are refreshed every third of it
 * @param grace how long a dropped connection's tabs wait for it to come back ({@code
 *     presence.ws.grace-seconds})
 * @param snapshotViewers the most viewers a record snapshot lists ({@code presence.hub.snapshot-viewers});
 *     a larger room's snapshot lists the freshest ones and counts the rest, and its diffs carry the counts
 * @param lanes fan-out threads ({@code presence.hub.lanes}); each record's diffs stay on one of them, in
 *     order
 * @param typeSnapshotRecords the most records a type snapshot lists
 * @param batch how often at most a large users room's sweep writes to each watcher ({@code
 *     presence.hub.batch-ms}); zero writes each change at once
 * @param batchAbove the subscribers a tenant's users room must exceed for its status changes to be
 *     gathered ({@code presence.hub.batch-above})
 * @param caps how many subscriptions and tabs one connection may hold ({@code presence.limits.*})
 */
public record HubSettings(
        String nodeId,
        Duration tabTtl,
        Duration grace,
        int snapshotViewers,
        int lanes,
        int typeSnapshotRecords,
        Duration batch,
        int batchAbove,
        Caps caps) {

    /** Settings that write every change at once, without caps. */
    public HubSettings(
            String nodeId, Duration tabTtl, Duration grace, int snapshotViewers, int lanes, int typeSnapshotRecords) {
        this(nodeId, tabTtl, grace, snapshotViewers, lanes, typeSnapshotRecords, Duration.ZERO, 0, Caps.NONE);
    }

    /** The same settings, gathering large users rooms' changes for {@code batch} above {@code batchAbove}. */
    public HubSettings withBatch(Duration batch, int batchAbove) {
        return new HubSettings(
                nodeId, tabTtl, grace, snapshotViewers, lanes, typeSnapshotRecords, batch, batchAbove, caps);
    }

    /** The same settings with these caps. */
    public HubSettings withCaps(Caps caps) {
        return new HubSettings(
                nodeId, tabTtl, grace, snapshotViewers, lanes, typeSnapshotRecords, batch, batchAbove, caps);
    }

    public HubSettings {
        if (batch.isNegative()) {
            throw new IllegalStateException("presence.hub.batch-ms must be 0 or more, not " + batch.toMillis());
        }
        if (snapshotViewers < 1) {
            throw new IllegalStateException("presence.hub.snapshot-viewers must be at least 1, not " + snapshotViewers);
        }
        if (lanes < 1) {
            throw new IllegalStateException("presence.hub.lanes must be at least 1, not " + lanes);
        }
    }
}
