package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.TabKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tabs this node's connections hold, and their leases. A connection that reports presence becomes a
 * tab of the record, tagged with this node's id; the tab lives while the connection does:
 * <ul>
 *   <li>every third of the tab TTL, one batched {@link PresenceStore#refresh} moves the expiry of all of
 *       them (connected or in grace), whatever their number; a tab the store lost is joined again;
 *   <li>a normal close or a ping timeout releases the tabs at once;
 *   <li>any other close keeps them for the grace period: a presence report with the same tab id on this
 *       node takes the tab over (others see nothing), otherwise it is released then. A reconnect to
 *       another node takes it over there; the release here then finds it held by that node and leaves
 *       it alone.
 * </ul>
 */
public final class NodeTabs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeTabs.class.getName());

    /** Writes a node tab through the presence service, which checks access and validates the command. */
    @FunctionalInterface
    public interface TabWriter {
        ResourceRef heartbeat(Caller caller, String type, String id, HeartbeatCommand command, String node);
    }

    /** Who holds each local tab: a live connection, or a grace timer after an abnormal close. */
    private record Holder(Client client, ScheduledFuture<?> grace) {}

    private final PresenceStore store;
    private final TabWriter writer;
    private final HubSettings settings;
    private final ScheduledExecutorService timers;
    private final Map<TabKey, Holder> local = new ConcurrentHashMap<>();
    /**
     * Serialize what happens to one tab on this node: a takeover by a new connection and the release by
     * the connection it replaces must not interleave, or the release could remove the tab the new
     * connection just wrote (both carry this node's id). Striped, so other tabs go on in parallel.
     */
    private final Object[] locks = new Object[256];

    private volatile boolean storeFailing;

    NodeTabs(PresenceStore store, TabWriter writer, HubSettings settings, ThreadFactory threads) {
        this.store = store;
        this.writer = writer;
        this.settings = settings;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
        executor.setRemoveOnCancelPolicy(true);
        this.timers = executor;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Clears what an earlier run of this node left, then starts the periodic refresh. */
    void start() {
        try {
            int cleared = store.clearNode(settings.nodeId());
            if (cleared > 0) {
                LOG.info("removed " + cleared + " tabs that an earlier run of node " + settings.nodeId() + " left");
            }
        } catch (StoreUnavailableException e) {
            LOG.warning("could not clear the tabs of an earlier run of this node: " + e.getMessage()
                    + "; they expire within the tab TTL");
        }
        long period = Math.max(1, refreshPeriod().toMillis());
        timers.scheduleWithFixedDelay(
                () -> run("node tab refresh", this::refresh), period, period, TimeUnit.MILLISECONDS);
    }

    /** A third of the TTL, so that a tab survives two missed refreshes. */
    Duration refreshPeriod() {
        return settings.tabTtl().dividedBy(3);
    }

    ResourceRef presence(Client client, String type, String id, HeartbeatCommand command) {
        TabKey key = new TabKey(new ResourceRef(client.caller().tenant(), type, id), command.tabId());
        if (!client.tabCommands().containsKey(key)) {
            settings.caps().checkConnectionTabs(client.tabCommands().size());
        }
        synchronized (lock(key)) {
            ResourceRef ref = writer.heartbeat(client.caller(), type, id, command, settings.nodeId());
            take(client, new TabKey(ref, command.tabId()), command);
            return ref;
        }
    }

    private void take(Client client, TabKey key, HeartbeatCommand command) {
        client.tabCommands().put(key, command);
        Holder previous = local.put(key, new Holder(client, null));
        if (previous != null && previous.grace() != null) {
            previous.grace().cancel(false);
        }
        if (previous != null && previous.client() != null && previous.client() != client) {
            previous.client().tabCommands().remove(key);
        }
    }

    boolean leave(Client client, ResourceRef ref, String tabId) {
        TabKey key = new TabKey(ref, tabId);
        synchronized (lock(key)) {
            client.tabCommands().remove(key);
            local.computeIfPresent(key, (k, holder) -> holder.client() == client ? null : holder);
            return store.leave(ref, tabId, client.caller().userId(), "unregister");
        }
    }

    void closed(Client client, boolean release) {
        for (TabKey key : client.tabCommands().keySet()) {
            if (release) {
                releaseIfHeld(key, new Holder(client, null));
                continue;
            }
            Holder[] graced = new Holder[1];
            ScheduledFuture<?> timer = timers.schedule(
                    () -> run("grace of a node tab", () -> {
                        if (graced[0] != null) {
                            releaseIfHeld(key, graced[0]);
                        }
                    }),
                    settings.grace().toMillis(),
                    TimeUnit.MILLISECONDS);
            graced[0] = new Holder(null, timer);
            if (!local.replace(key, new Holder(client, null), graced[0])) {
                timer.cancel(false);
            }
        }
    }

    int size() {
        return local.size();
    }

    /** Counts the tabs of live connections (not those in grace) by resource type, with their users. */
    HubMetrics.Census census() {
        List<Map.Entry<String, String>> tabs = new ArrayList<>(local.size());
        local.forEach((key, holder) -> {
            if (holder.client() != null) {
                Caller caller = holder.client().caller();
                tabs.add(Map.entry(key.ref().type(), caller.tenant() + ":" + caller.userId()));
            }
        });
        return HubMetrics.Census.of(tabs);
    }

    /** One refresh round now (the timer runs it every {@link #refreshPeriod}). */
    void refresh() {
        if (local.isEmpty()) {
            return;
        }
        Set<TabKey> missing;
        try {
            missing = store.refresh(
                    settings.nodeId(),
                    new ArrayList<>(local.keySet()),
                    Instant.now().plus(settings.tabTtl()));
            if (storeFailing) {
                LOG.info("node tab refresh: the store is reachable again");
                storeFailing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!storeFailing) {
                LOG.warning("node tab refresh: " + e.getMessage() + "; retrying every period");
                storeFailing = true;
            }
            return;
        }
        for (TabKey key : missing) {
            try {
                synchronized (lock(key)) {
                    rejoinOrForget(key);
                }
            } catch (RuntimeException e) {
                LOG.warning("could not re-join node tab " + key + ": " + e.getMessage());
                local.remove(key);
            }
        }
    }

    /** Releases the tab in the store if {@code holder} still holds it here. */
    private void releaseIfHeld(TabKey key, Holder holder) {
        synchronized (lock(key)) {
            if (local.remove(key, holder)) {
                releaseQuietly(key);
            }
        }
    }

    private Object lock(TabKey key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private void releaseQuietly(TabKey key) {
        try {
            store.release(key, settings.nodeId(), "closed");
        } catch (StoreUnavailableException e) {
            LOG.warning("could not release tab " + key + ": " + e.getMessage() + "; it expires within the TTL");
        }
    }

    /** A tab the store no longer has for this node: joined again if its connection lives, else forgotten. */
    private void rejoinOrForget(TabKey key) {
        Holder holder = local.get(key);
        if (holder == null
                || holder.client() == null
                || !holder.client().subscriber().isOpen()) {
            local.remove(key, holder);
            return;
        }
        Client client = holder.client();
        HeartbeatCommand command = client.tabCommands().get(key);
        if (command == null) {
            local.remove(key, holder);
            return;
        }
        LOG.fine(() -> "re-joining node tab " + key + " that the store lost");
        writer.heartbeat(client.caller(), key.ref().type(), key.ref().id(), command, settings.nodeId());
    }

    private static void run(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed; it keeps its schedule", e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
