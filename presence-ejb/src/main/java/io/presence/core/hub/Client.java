package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.TabKey;
import io.presence.core.status.DeviceKey;
import io.presence.core.status.Status;
import io.presence.core.status.UserRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One connection's state in the hub: the records and types it watches, the tabs it is (with the last
 * command of each, to join a tab again if the store lost it), the devices it is, and which records and
 * users its caller may see, so that fan-out asks a plugin once per connection and record or user, not
 * per message. Made by {@link
 * Hub#connect}; the transport keeps it for the connection's life and hands it back on every call.
 */
public final class Client {

    /** Visibility answers kept per connection; beyond this the cache starts over. */
    private static final int VISIBILITY_CACHE = 10_000;

    private final Subscriber subscriber;
    private final Lanes lanes;
    private final HubMetrics metrics;
    private final Set<ResourceRef> records = ConcurrentHashMap.newKeySet();
    // Made on first use: most connections watch one record and are not tabs, and an idle connection's
    // heap is what limits how many a node holds (docs/performance.md).
    private volatile Set<String> types;
    private volatile Map<TabKey, HeartbeatCommand> tabs;
    /** Answers about records (by {@link ResourceRef}) and users (by {@link UserRef}). */
    private volatile Map<Object, Boolean> visible;

    private volatile Map<DeviceKey, Status> devices;

    Client(Subscriber subscriber, Lanes lanes, HubMetrics metrics) {
        this.subscriber = subscriber;
        this.lanes = lanes;
        this.metrics = metrics;
    }

    public Caller caller() {
        return subscriber.caller();
    }

    public Subscriber subscriber() {
        return subscriber;
    }

    /** The records this connection watches. */
    public Set<ResourceRef> records() {
        return Set.copyOf(records);
    }

    /** The tabs this connection is. */
    public Set<TabKey> tabs() {
        Map<TabKey, HeartbeatCommand> made = tabs;
        return made == null ? Set.of() : Set.copyOf(made.keySet());
    }

    /** Queues a message; it is written when the lane is idle, or at once off a lane. */
    void send(HubMessage message) {
        subscriber.send(message);
        metrics.delivered(message);
        lanes.touched(subscriber);
    }

    /**
     * Queues a message and writes it at once, on the calling thread: for a lane that hands one message
     * to each of thousands of subscribers (a large room's batch), so that each connection is visited
     * once rather than once to queue and again when the lane is idle.
     */
    void sendNow(HubMessage message) {
        subscriber.send(message);
        metrics.delivered(message);
        subscriber.flush();
    }

    Set<ResourceRef> watchedRecords() {
        return records;
    }

    Set<String> watchedTypes() {
        Set<String> made = types;
        if (made == null) {
            synchronized (this) {
                made = types;
                if (made == null) {
                    types = made = ConcurrentHashMap.newKeySet();
                }
            }
        }
        return made;
    }

    /** How many types this connection watches, without making the set. */
    int typeCount() {
        Set<String> made = types;
        return made == null ? 0 : made.size();
    }

    Map<TabKey, HeartbeatCommand> tabCommands() {
        Map<TabKey, HeartbeatCommand> made = tabs;
        if (made == null) {
            synchronized (this) {
                made = tabs;
                if (made == null) {
                    tabs = made = new ConcurrentHashMap<>();
                }
            }
        }
        return made;
    }

    /** The devices this connection is (a {@code status} it reported), with their status. */
    Map<DeviceKey, Status> deviceStatuses() {
        Map<DeviceKey, Status> made = devices;
        if (made == null) {
            synchronized (this) {
                made = devices;
                if (made == null) {
                    devices = made = new ConcurrentHashMap<>();
                }
            }
        }
        return made;
    }

    /** The devices this connection is, or none before its first status. */
    Set<DeviceKey> devices() {
        Map<DeviceKey, Status> made = devices;
        return made == null ? Set.of() : Set.copyOf(made.keySet());
    }

    /** Whether the caller may see the record, asking {@code check} only the first time. */
    boolean canSee(ResourceRef ref, Predicate<ResourceRef> check) {
        return visible(ref, () -> check.test(ref));
    }

    /**
     * What the caller was last answered about the record: true or false, or null when it was never
     * asked (or the answer was dropped with the rest of a full cache).
     */
    Boolean sawRecord(ResourceRef ref) {
        Map<Object, Boolean> visible = this.visible;
        return visible == null ? null : visible.get(ref);
    }

    /**
     * Whether the caller may see the record now: drops the remembered answer, since the rules or facts
     * behind it changed, and asks {@code check} again.
     */
    boolean canSeeAgain(ResourceRef ref, Predicate<ResourceRef> check) {
        forgetRecord(ref);
        return canSee(ref, check);
    }

    /** Drops the remembered answer about the record: the next question asks again. */
    void forgetRecord(ResourceRef ref) {
        Map<Object, Boolean> visible = this.visible;
        if (visible != null) {
            visible.remove(ref);
        }
    }

    /** Whether the caller may see a user of its tenant, asking {@code check} only the first time. */
    boolean canSeeUser(String userId, Predicate<String> check) {
        return visible(userKey(userId), () -> check.test(userId));
    }

    /** What the caller was last answered about the user, or null when it was never asked. */
    Boolean sawUser(String userId) {
        Map<Object, Boolean> visible = this.visible;
        return visible == null ? null : visible.get(userKey(userId));
    }

    /** Whether the caller may see the user now: drops the remembered answer and asks {@code check} again. */
    boolean canSeeUserAgain(String userId, Predicate<String> check) {
        Map<Object, Boolean> visible = this.visible;
        if (visible != null) {
            visible.remove(userKey(userId));
        }
        return canSeeUser(userId, check);
    }

    /** The key of a user's answer among the remembered ones (a user of the caller's tenant). */
    private UserRef userKey(String userId) {
        return new UserRef(caller().tenant(), userId);
    }

    private boolean visible(Object key, BooleanSupplier check) {
        Map<Object, Boolean> visible = this.visible;
        if (visible == null) {
            synchronized (this) {
                visible = this.visible;
                if (visible == null) {
                    this.visible = visible = new ConcurrentHashMap<>();
                }
            }
        }
        Boolean known = visible.get(key);
        if (known != null) {
            return known;
        }
        if (visible.size() >= VISIBILITY_CACHE) {
            visible.clear();
        }
        boolean answer = check.getAsBoolean();
        visible.put(key, answer);
        return answer;
    }
}
