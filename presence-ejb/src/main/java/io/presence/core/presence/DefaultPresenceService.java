package io.presence.core.presence;

import io.presence.api.model.Caller;
import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.api.model.Viewer;
import io.presence.core.config.LimitSettings;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.PresenceException;
import io.presence.core.metrics.Counters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@link PresenceService} over the configured {@link PresenceStore}. */
@ApplicationScoped
public class DefaultPresenceService implements PresenceService {

    /** The node tag of tabs that report over REST: they belong to no connection. */
    static final String REST_NODE = "";

    @Inject
    PresenceStore store;

    @Inject
    ResourceAccess access;

    @Inject
    PresenceSettings settings;

    @Inject
    Counters metrics = Counters.NONE;

    @Inject
    LimitSettings limits;

    private final Clock clock = Clock.systemUTC();
    private HeartbeatCounts heartbeats;

    @PostConstruct
    void resolveCounters() {
        heartbeats = new HeartbeatCounts(metrics);
    }

    @Override
    public HeartbeatOutcome heartbeat(Caller caller, String type, String id, HeartbeatCommand command) {
        return heartbeat(caller, type, id, command, REST_NODE).outcome();
    }

    @Override
    public NodeHeartbeat heartbeat(Caller caller, String type, String id, HeartbeatCommand command, String node) {
        boolean overRest = REST_NODE.equals(node);
        try {
            NodeHeartbeat done = write(caller, type, id, command, node);
            heartbeats.counted(overRest, done.outcome());
            return done;
        } catch (PresenceException e) {
            heartbeats.refused(overRest, e);
            throw e;
        }
    }

    private NodeHeartbeat write(Caller caller, String type, String id, HeartbeatCommand command, String node) {
        Inputs.tabId(command.tabId());
        Inputs.field(command.activeField());
        ResourceRef ref = command.mode() == Mode.EDIT || command.dirty()
                ? access.editable(caller, type, id)
                : access.visible(caller, type, id);
        Instant now = clock.instant();
        TabPresence tab = new TabPresence(
                command.tabId(),
                caller.userId(),
                caller.name(),
                command.mode(),
                command.dirty(),
                command.activeField(),
                now,
                now.plus(settings.tabTtl()),
                node);
        return new NodeHeartbeat(ref, store.heartbeat(ref, tab, limits.caps().tabsPerUserAndRecord()));
    }

    @Override
    public boolean unregister(Caller caller, String type, String id, String tabId) {
        Inputs.tabId(tabId);
        return store.leave(access.visible(caller, type, id), tabId, caller.userId(), "unregister");
    }

    @Override
    public boolean close(Caller caller, String type, String id, String tabId) {
        Inputs.tabId(tabId);
        return store.close(access.visible(caller, type, id), tabId, caller.userId(), CLOSED_TAB_WINDOW);
    }

    @Override
    public RecordViewers viewers(Caller caller, String type, String id, boolean includeSelf) {
        Snapshot snapshot = store.snapshot(access.visible(caller, type, id), clock.instant());
        List<TabPresence> tabs = includeSelf
                ? snapshot.tabs()
                : snapshot.tabs().stream()
                        .filter(tab -> !tab.userId().equals(caller.userId()))
                        .toList();
        return new RecordViewers(Viewer.aggregate(tabs), caller.userId(), snapshot.seq());
    }

    @Override
    public List<TabPresence> tabs(Caller caller, String type, String id) {
        return store.snapshot(access.visible(caller, type, id), clock.instant()).tabs();
    }
}
