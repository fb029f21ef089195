package io.presence.web.ws;

import io.presence.api.model.ResourceRef;
import io.presence.core.config.PresenceSettings;
import io.presence.core.config.RealtimeSettings;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.PresenceService;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.TabKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

/**
 * The tabs this node's WebSocket connections hold. A connection that sends {@code presence} becomes a tab
 * of the record, tagged with this node's id; the tab lives while the connection does:
 * <ul>
 *   <li>every third of the tab TTL, one batched {@link PresenceStore#refresh} moves the expiry of all of
 *       them (connected or in grace), whatever their number; a tab the store lost is joined again;
 *   <li>a normal close (1000/1001 from the client) or a ping timeout releases the tabs at once;
 *   <li>any other close keeps them for {@code presence.ws.grace-seconds}: a {@code presence} with the same
 *       tab id on this node takes the tab over (others see nothing), otherwise it is released then. A
 *       reconnect to another node takes it over there; the release here then finds it held by that
 *       node and leaves it alone.
 * </ul>
 */
@ApplicationScoped
public class WsTabs {

    private static final Logger LOG = Logger.getLogger(WsTabs.class.getName());

    @Inject
    PresenceService presence;

    @Inject
    PresenceStore store;

    @Inject
    PresenceSettings settings;

    @Inject
    RealtimeSettings realtime;

    @Inject
    WsTimers timers;

    /** Who holds each local tab: a live connection, or a grace timer after an abnormal close. */
    private record Holder(WsConnection conn, ScheduledFuture<?> grace) {}

    private final Map<TabKey, Holder> local = new ConcurrentHashMap<>();
    private volatile boolean storeFailing;

    /** Clears what an earlier run of this node left, then starts the periodic refresh. */
    void start() {
        try {
            int cleared = store.clearNode(realtime.nodeId());
            if (cleared > 0) {
                LOG.info("removed " + cleared + " tabs that an earlier run of node " + realtime.nodeId() + " left");
            }
        } catch (StoreUnavailableException e) {
            LOG.warning("could not clear the tabs of an earlier run of this node: " + e.getMessage()
                    + "; they expire within the tab TTL");
        }
        timers.every(refreshPeriod(), "WebSocket tab refresh", this::refresh);
    }

    /** A third of the TTL, so that a tab survives two missed refreshes. */
    Duration refreshPeriod() {
        return settings.tabTtl().dividedBy(3);
    }

    /** Joins or updates the connection's tab; returns the record it is on. */
    ResourceRef presence(WsConnection conn, String type, String id, HeartbeatCommand command) {
        PresenceService.NodeHeartbeat result = presence.heartbeat(conn.caller(), type, id, command, realtime.nodeId());
        TabKey key = new TabKey(result.ref(), command.tabId());
        conn.tabs().put(key, command);
        Holder previous = local.put(key, new Holder(conn, null));
        if (previous != null && previous.grace() != null) {
            previous.grace().cancel(false);
        }
        if (previous != null && previous.conn() != null && previous.conn() != conn) {
            previous.conn().tabs().remove(key);
        }
        return result.ref();
    }

    /** The {@code leave} message: removes the tab at once (reason {@code unregister}). */
    boolean leave(WsConnection conn, ResourceRef ref, String tabId) {
        TabKey key = new TabKey(ref, tabId);
        conn.tabs().remove(key);
        local.computeIfPresent(key, (k, holder) -> holder.conn() == conn ? null : holder);
        return store.leave(ref, tabId, conn.caller().userId(), "unregister");
    }

    /** A closed connection's tabs leave now ({@code release}) or after the grace period. */
    void closed(WsConnection conn, boolean release) {
        for (TabKey key : conn.tabs().keySet()) {
            if (release) {
                if (local.remove(key, new Holder(conn, null))) {
                    releaseQuietly(key);
                }
                continue;
            }
            Holder[] graced = new Holder[1];
            ScheduledFuture<?> timer = timers.after(realtime.grace(), "grace of a WebSocket tab", () -> {
                if (graced[0] != null && local.remove(key, graced[0])) {
                    releaseQuietly(key);
                }
            });
            graced[0] = new Holder(null, timer);
            if (!local.replace(key, new Holder(conn, null), graced[0])) {
                timer.cancel(false);
            }
        }
    }

    int localTabs() {
        return local.size();
    }

    private void releaseQuietly(TabKey key) {
        try {
            store.release(key, realtime.nodeId(), "closed");
        } catch (StoreUnavailableException e) {
            LOG.warning("could not release tab " + key + ": " + e.getMessage() + "; it expires within the TTL");
        }
    }

    private void refresh() {
        if (local.isEmpty()) {
            return;
        }
        Set<TabKey> missing;
        try {
            missing = store.refresh(
                    realtime.nodeId(),
                    new ArrayList<>(local.keySet()),
                    Instant.now().plus(settings.tabTtl()));
            if (storeFailing) {
                LOG.info("WebSocket tab refresh: the store is reachable again");
                storeFailing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!storeFailing) {
                LOG.warning("WebSocket tab refresh: " + e.getMessage() + "; retrying every period");
                storeFailing = true;
            }
            return;
        }
        for (TabKey key : missing) {
            try {
                rejoinOrForget(key);
            } catch (RuntimeException e) {
                LOG.warning("could not re-join WebSocket tab " + key + ": " + e.getMessage());
                local.remove(key);
            }
        }
    }

    /** A tab the store no longer has for this node: joined again if its connection lives, else forgotten. */
    private void rejoinOrForget(TabKey key) {
        Holder holder = local.get(key);
        if (holder == null || holder.conn() == null || !holder.conn().session().isOpen()) {
            local.remove(key, holder);
            return;
        }
        WsConnection conn = holder.conn();
        HeartbeatCommand command = conn.tabs().get(key);
        if (command == null) {
            local.remove(key, holder);
            return;
        }
        LOG.fine(() -> "re-joining WebSocket tab " + key + " that the store lost");
        presence.heartbeat(conn.caller(), key.ref().type(), key.ref().id(), command, realtime.nodeId());
    }
}
