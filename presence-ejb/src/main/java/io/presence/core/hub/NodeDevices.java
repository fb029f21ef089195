package io.presence.core.hub;

import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.status.DeviceKey;
import io.presence.core.status.Status;
import io.presence.core.status.StatusStore;
import io.presence.core.status.UserRef;
import io.presence.core.status.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The devices this node's connections are (a connection that reported a status), and their leases, as
 * {@link NodeTabs} does for tabs: every third of the device timeout one batched {@link
 * StatusStore#refresh} keeps all of them alive and a device the store lost is reported again; a normal
 * close or a ping timeout releases a connection's devices at once, any other close after the grace
 * period, within which a connection reporting the same device id takes it over.
 */
final class NodeDevices {

    private static final Logger LOG = Logger.getLogger(NodeDevices.class.getName());

    /** Who holds each local device: a live connection, or a grace timer after an abnormal close. */
    private record Holder(Client client, ScheduledFuture<?> grace) {}

    private final UserPorts ports;
    private final String node;
    private final Duration grace;
    private final ScheduledExecutorService timers;
    private final Map<DeviceKey, Holder> local = new ConcurrentHashMap<>();
    /** Serialize a takeover and the release of the connection it replaces, per device (striped). */
    private final Object[] locks = new Object[64];

    private volatile boolean storeFailing;

    NodeDevices(UserPorts ports, String node, Duration grace, ScheduledExecutorService timers) {
        this.ports = ports;
        this.node = node;
        this.grace = grace;
        this.timers = timers;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Clears what an earlier run of this node left, then refreshes every third of the device timeout. */
    void start() {
        try {
            int cleared = ports.statuses().clearNode(node, Instant.now());
            if (cleared > 0) {
                LOG.info("removed " + cleared + " devices that an earlier run of node " + node + " left");
            }
        } catch (StoreUnavailableException e) {
            LOG.warning("could not clear the devices of an earlier run of this node: " + e.getMessage()
                    + "; they expire within the device timeout");
        }
        long period = Math.max(1, ports.deviceTimeout().dividedBy(3).toMillis());
        timers.scheduleWithFixedDelay(() -> guarded(this::refresh), period, period, TimeUnit.MILLISECONDS);
    }

    /** The connection reports a device's status (offline removes it); rate limited as any report. */
    UserStatus report(Client client, String deviceId, Status status) {
        DeviceKey key = new DeviceKey(
                new UserRef(client.caller().tenant(), client.caller().userId()), deviceId);
        synchronized (lock(key)) {
            UserStatus result = ports.writer().report(client.caller(), deviceId, status, node, true);
            Holder previous = status == Status.OFFLINE ? local.remove(key) : local.put(key, new Holder(client, null));
            if (previous != null && previous.grace() != null) {
                previous.grace().cancel(false);
            }
            if (previous != null && previous.client() != null && previous.client() != client) {
                previous.client().deviceStatuses().remove(key);
            }
            if (status == Status.OFFLINE) {
                client.deviceStatuses().remove(key);
            } else {
                client.deviceStatuses().put(key, status);
            }
            return result;
        }
    }

    /** A connection closed: its devices are released now ({@code release}) or after the grace period. */
    void closed(Client client, boolean release) {
        for (DeviceKey key : client.devices()) {
            Holder live = new Holder(client, null);
            if (release) {
                releaseIfHeld(key, live);
                continue;
            }
            Holder[] graced = new Holder[1];
            ScheduledFuture<?> timer = timers.schedule(
                    () -> guarded(() -> {
                        if (graced[0] != null) {
                            releaseIfHeld(key, graced[0]);
                        }
                    }),
                    grace.toMillis(),
                    TimeUnit.MILLISECONDS);
            graced[0] = new Holder(null, timer);
            if (!local.replace(key, live, graced[0])) {
                timer.cancel(false);
            }
        }
    }

    int size() {
        return local.size();
    }

    /** One refresh round now; devices the store lost are reported again while their connection lives. */
    void refresh() {
        if (local.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Set<DeviceKey> missing;
        try {
            missing = ports.statuses().refresh(node, Set.copyOf(local.keySet()), now.plus(ports.deviceTimeout()), now);
            if (storeFailing) {
                LOG.info("node device refresh: the store is reachable again");
                storeFailing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!storeFailing) {
                LOG.warning("node device refresh: " + e.getMessage() + "; retrying every period");
                storeFailing = true;
            }
            return;
        }
        for (DeviceKey key : missing) {
            synchronized (lock(key)) {
                Holder holder = local.get(key);
                Status status = holder == null || holder.client() == null
                        ? null
                        : holder.client().deviceStatuses().get(key);
                if (status == null || !holder.client().subscriber().isOpen()) {
                    local.remove(key, holder);
                } else {
                    ports.writer().report(holder.client().caller(), key.deviceId(), status, node, false);
                }
            }
        }
    }

    private void releaseIfHeld(DeviceKey key, Holder holder) {
        synchronized (lock(key)) {
            if (local.remove(key, holder)) {
                try {
                    ports.statuses().release(key, node, Instant.now());
                } catch (StoreUnavailableException e) {
                    LOG.warning("could not release device " + key + ": " + e.getMessage()
                            + "; it expires within the device timeout");
                }
            }
        }
    }

    private Object lock(DeviceKey key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private static void guarded(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "node device job failed; it keeps its schedule", e);
        }
    }
}
