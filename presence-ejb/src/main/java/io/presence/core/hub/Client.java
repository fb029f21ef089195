package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.TabKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One connection's state in the hub: the records and types it watches, the tabs it is (with the last
 * command of each, to join a tab again if the store lost it), and which records its caller may see, so
 * that fan-out asks a plugin once per connection and record, not per message. Made by {@link
 * Hub#connect}; the transport keeps it for the connection's life and hands it back on every call.
 */
public final class Client {

    /** Visibility answers kept per connection; beyond this the cache starts over. */
    private static final int VISIBILITY_CACHE = 10_000;

    private final Subscriber subscriber;
    private final Lanes lanes;
    private final Set<ResourceRef> records = ConcurrentHashMap.newKeySet();
    // Made on first use: most connections watch one record and are not tabs, and an idle connection's
    // heap is what limits how many a node holds (docs/performance.md).
    private volatile Set<String> types;
    private volatile Map<TabKey, HeartbeatCommand> tabs;
    private volatile Map<ResourceRef, Boolean> visible;

    Client(Subscriber subscriber, Lanes lanes) {
        this.subscriber = subscriber;
        this.lanes = lanes;
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
        lanes.touched(subscriber);
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

    /** Whether the caller may see the record, asking {@code check} only the first time. */
    boolean canSee(ResourceRef ref, Predicate<ResourceRef> check) {
        Map<ResourceRef, Boolean> visible = this.visible;
        if (visible == null) {
            synchronized (this) {
                visible = this.visible;
                if (visible == null) {
                    this.visible = visible = new ConcurrentHashMap<>();
                }
            }
        }
        Boolean known = visible.get(ref);
        if (known != null) {
            return known;
        }
        if (visible.size() >= VISIBILITY_CACHE) {
            visible.clear();
        }
        boolean answer = check.test(ref);
        visible.put(ref, answer);
        return answer;
    }
}
