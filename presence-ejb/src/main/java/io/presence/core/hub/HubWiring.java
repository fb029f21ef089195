package io.presence.core.hub;

import io.presence.core.config.LimitSettings;
import io.presence.core.config.PresenceSettings;
import io.presence.core.config.RealtimeSettings;
import io.presence.core.config.StatusSettings;
import io.presence.core.events.ResourceEvents;
import io.presence.core.metrics.Counters;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.AccessChanges;
import io.presence.core.presence.PresenceService;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.records.RecordStateStore;
import io.presence.core.status.StatusStore;
import io.presence.core.status.TypingStore;
import io.presence.core.status.UserStatuses;
import io.presence.core.status.UserVisibility;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the node's one {@link Hub} over the configured stores, registers its gauges of local tabs and
 * users per resource type, and starts it: diffs and status and typing changes of every node fan out
 * from then on, and resource events too when an event bus is deployed (it is optional: without one,
 * subscribers get presence only). Every node's {@link AccessChanges} make the hub ask again who may
 * see a record. The hub's threads come from the container's managed thread factory.
 */
@ApplicationScoped
public class HubWiring {

    private static final Logger LOG = Logger.getLogger(HubWiring.class.getName());
    /** The most records a type snapshot lists. */
    static final int TYPE_SNAPSHOT_RECORDS = 500;
    /** Gauge of the tabs this node's connections hold, by resource type. */
    static final String LOCAL_TABS = "presence_tabs";
    /** Gauge of the users behind them (the name of the Grafana dashboards Presence replaces). */
    static final String ACTIVE_USERS = "redis_presence_active_users";

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Produces
    @Singleton
    Hub hub(
            PresenceStore store,
            RecordStateStore records,
            ResourceAccess access,
            PresenceService presence,
            PresenceSettings presenceSettings,
            RealtimeSettings realtime,
            StatusStore statuses,
            TypingStore typing,
            UserVisibility userVisibility,
            UserStatuses userStatuses,
            StatusSettings statusSettings,
            AccessChanges accessChanges,
            LimitSettings limits,
            Instance<ResourceEvents> events,
            ResourceTypeRegistry types,
            Counters metrics) {
        HubSettings settings = new HubSettings(
                realtime.nodeId(),
                presenceSettings.tabTtl(),
                realtime.grace(),
                realtime.snapshotViewers(),
                realtime.lanes(),
                TYPE_SNAPSHOT_RECORDS,
                realtime.batch(),
                realtime.batchAbove(),
                limits.caps());
        Hub hub = new Hub(
                store,
                records,
                access::canSee,
                (caller, type, id, command, node) ->
                        presence.heartbeat(caller, type, id, command, node).ref(),
                new UserPorts(
                        statuses,
                        typing,
                        userVisibility::canSee,
                        !userVisibility.narrowed(),
                        userStatuses::report,
                        statusSettings.timeout()),
                settings,
                threads,
                metrics);
        for (BoundPlugin bound : types.all()) {
            Map<String, String> entity = Map.of("entity", bound.type().name());
            metrics.gauge(LOCAL_TABS, entity, () -> hub.localTabs(bound.type().name()));
            metrics.gauge(
                    ACTIVE_USERS, entity, () -> hub.localUsers(bound.type().name()));
        }
        hub.start();
        accessChanges.addListener(hub::reevaluateAccess);
        if (events.isResolvable()) {
            events.get().addListener(hub::onEvent);
            LOG.info("subscribers receive resource events");
        } else {
            LOG.info("no resource event bus is deployed: subscribers receive presence only");
        }
        return hub;
    }

    void close(@Disposes Hub hub) {
        hub.close();
    }
}
