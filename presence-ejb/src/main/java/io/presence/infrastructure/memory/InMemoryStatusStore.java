package io.presence.infrastructure.memory;

import io.presence.core.status.DeviceKey;
import io.presence.core.status.Status;
import io.presence.core.status.StatusChanged;
import io.presence.core.status.StatusStore;
import io.presence.core.status.UserRef;
import io.presence.core.status.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link StatusStore} in this process. Each user's devices change inside one {@code compute} of the
 * user's map entry, and a change of status is handed to the listeners there, which keeps them in
 * version order per user. The sweep looks at every user: a single node holds few enough.
 */
public final class InMemoryStatusStore implements StatusStore {

    private static final Logger LOG = Logger.getLogger(InMemoryStatusStore.class.getName());

    private final Duration retention;
    private final Map<UserRef, Entry> users = new ConcurrentHashMap<>();
    private final Map<String, Set<DeviceKey>> nodeDevices = new ConcurrentHashMap<>();
    private final List<Consumer<StatusChanged>> listeners = new CopyOnWriteArrayList<>();

    /** @param retention how long a user stays known after they were last seen */
    public InMemoryStatusStore(Duration retention) {
        this.retention = retention;
    }

    private record Device(Status status, Instant expiresAt, String node, Instant seen) {}

    /** One user: devices by id, the aggregate as last emitted, and when they were last seen. */
    private static final class Entry {
        final Map<String, Device> devices = new HashMap<>();
        Status status = Status.OFFLINE;
        long version;
        Instant lastSeen = Instant.EPOCH;
        Instant lastReport;
    }

    @Override
    public Report report(
            UserRef user,
            String deviceId,
            Status status,
            String node,
            Instant expiresAt,
            Instant now,
            Duration minInterval) {
        Report[] result = new Report[1];
        users.compute(user, (key, existing) -> {
            Entry entry = existing != null ? existing : new Entry();
            Device held = entry.devices.get(deviceId);
            boolean resume = !node.isEmpty() && held != null && held.status() == status;
            boolean limited = !minInterval.isZero() && !resume;
            if (limited && entry.lastReport != null && now.isBefore(entry.lastReport.plus(minInterval))) {
                result[0] = Report.refused(Duration.between(now, entry.lastReport.plus(minInterval)));
                return existing;
            }
            if (limited) {
                entry.lastReport = now;
            }
            if (status == Status.OFFLINE) {
                entry.devices.remove(deviceId);
            } else {
                entry.devices.put(deviceId, new Device(status, expiresAt, node, now));
                if (!node.isEmpty()) {
                    nodeDevices
                            .computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet())
                            .add(new DeviceKey(user, deviceId));
                }
            }
            entry.lastSeen = later(entry.lastSeen, now);
            settle(user, entry, now);
            result[0] = new Report(view(user.userId(), entry, now), Duration.ZERO);
            return entry;
        });
        return result[0];
    }

    @Override
    public Set<DeviceKey> refresh(String node, Collection<DeviceKey> devices, Instant expiresAt, Instant now) {
        Set<DeviceKey> missing = new HashSet<>();
        for (DeviceKey key : devices) {
            users.computeIfPresent(key.user(), (user, entry) -> {
                Device device = entry.devices.get(key.deviceId());
                if (device != null && device.node().equals(node)) {
                    entry.devices.put(key.deviceId(), new Device(device.status(), expiresAt, node, now));
                } else {
                    missing.add(key);
                }
                return entry;
            });
            if (!users.containsKey(key.user())) {
                missing.add(key);
            }
        }
        Set<DeviceKey> held = ConcurrentHashMap.newKeySet();
        devices.stream().filter(key -> !missing.contains(key)).forEach(held::add);
        nodeDevices.put(node, held);
        return missing;
    }

    @Override
    public boolean release(DeviceKey key, String node, Instant now) {
        boolean[] released = new boolean[1];
        users.computeIfPresent(key.user(), (user, entry) -> {
            Device device = entry.devices.get(key.deviceId());
            if (device != null && device.node().equals(node)) {
                entry.devices.remove(key.deviceId());
                entry.lastSeen = later(entry.lastSeen, now);
                settle(user, entry, now);
                released[0] = true;
            }
            return entry;
        });
        Set<DeviceKey> held = nodeDevices.get(node);
        if (held != null) {
            held.remove(key);
        }
        return released[0];
    }

    @Override
    public int clearNode(String node, Instant now) {
        Set<DeviceKey> held = nodeDevices.remove(node);
        int removed = 0;
        for (DeviceKey key : held == null ? Set.<DeviceKey>of() : Set.copyOf(held)) {
            removed += release(key, node, now) ? 1 : 0;
        }
        return removed;
    }

    @Override
    public int sweep(Instant now, int limit) {
        int[] removed = new int[1];
        for (UserRef user : new ArrayList<>(users.keySet())) {
            users.computeIfPresent(user, (key, entry) -> {
                removed[0] += settle(key, entry, now);
                boolean forgotten = entry.devices.isEmpty()
                        && entry.lastSeen.plus(retention).isBefore(now);
                return forgotten ? null : entry;
            });
        }
        return removed[0];
    }

    @Override
    public Map<String, UserStatus> statuses(String tenant, Collection<String> userIds, Instant now) {
        Map<String, UserStatus> found = new LinkedHashMap<>();
        for (String id : userIds) {
            users.computeIfPresent(new UserRef(tenant, id), (user, entry) -> {
                if (known(entry, now)) {
                    found.put(id, view(id, entry, now));
                }
                return entry;
            });
        }
        return found;
    }

    @Override
    public List<String> recentUsers(String tenant, int limit, Instant now) {
        Map<String, Instant> seen = new HashMap<>();
        for (UserRef user : new ArrayList<>(users.keySet())) {
            if (user.tenant().equals(tenant)) {
                users.computeIfPresent(user, (key, entry) -> {
                    if (known(entry, now)) {
                        seen.put(key.userId(), view(key.userId(), entry, now).lastSeen());
                    }
                    return entry;
                });
            }
        }
        return seen.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public void addStatusListener(Consumer<StatusChanged> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    private boolean known(Entry entry, Instant now) {
        return !entry.devices.isEmpty() || !entry.lastSeen.plus(retention).isBefore(now);
    }

    /**
     * Drops devices expired by {@code now} (their last report counts as seen) and emits a change when
     * the aggregate moved; returns how many devices it dropped.
     */
    private int settle(UserRef user, Entry entry, Instant now) {
        int removed = 0;
        for (var it = entry.devices.entrySet().iterator(); it.hasNext(); ) {
            Device device = it.next().getValue();
            if (!device.expiresAt().isAfter(now)) {
                entry.lastSeen = later(entry.lastSeen, device.seen());
                it.remove();
                removed++;
            }
        }
        Status now0 = Status.aggregate(
                entry.devices.values().stream().map(Device::status).toList());
        if (now0 != entry.status) {
            entry.status = now0;
            entry.version++;
            emit(new StatusChanged(user.tenant(), view(user.userId(), entry, now)));
        }
        return removed;
    }

    /** The user as reads show them: live devices only, seen at their latest report or refresh. */
    private static UserStatus view(String userId, Entry entry, Instant now) {
        Instant seen = entry.lastSeen;
        List<Status> live = new ArrayList<>();
        for (Device device : entry.devices.values()) {
            seen = later(seen, device.seen());
            if (device.expiresAt().isAfter(now)) {
                live.add(device.status());
            }
        }
        return new UserStatus(userId, Status.aggregate(live), seen, entry.version);
    }

    private void emit(StatusChanged change) {
        for (Consumer<StatusChanged> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "status listener failed for user " + change.status().userId(),
                        e);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
