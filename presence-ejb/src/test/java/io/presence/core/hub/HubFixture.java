package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.metrics.Counters;
import io.presence.core.metrics.RecordingCounters;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.memory.InMemoryStatusStore;
import io.presence.infrastructure.memory.InMemoryTypingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiPredicate;

/** A hub over the in-memory store for tests of records: its tabs are written straight to the store. */
final class HubFixture {

    static final Duration TTL = Duration.ofSeconds(90);
    static final Duration GRACE = Duration.ofMillis(300);
    static final int SNAPSHOT_VIEWERS = 3;

    private HubFixture() {}

    /** Started; users' statuses and typing are in memory too, devices are not supported. */
    static Hub memoryHub(InMemoryPresenceStore store, BiPredicate<Caller, ResourceRef> visibility) {
        return memoryHub(store, visibility, new RecordingCounters());
    }

    /** The same, reporting its metrics to {@code metrics}. */
    static Hub memoryHub(InMemoryPresenceStore store, BiPredicate<Caller, ResourceRef> visibility, Counters metrics) {
        return memoryHub(store, visibility, new HubSettings("node-a", TTL, GRACE, SNAPSHOT_VIEWERS, 2, 500), metrics);
    }

    /** The same, with other settings. */
    static Hub memoryHub(
            InMemoryPresenceStore store, BiPredicate<Caller, ResourceRef> visibility, HubSettings settings) {
        return memoryHub(store, visibility, settings, new RecordingCounters());
    }

    private static Hub memoryHub(
            InMemoryPresenceStore store,
            BiPredicate<Caller, ResourceRef> visibility,
            HubSettings settings,
            Counters metrics) {
        Hub hub = new Hub(
                store,
                store,
                visibility,
                (caller, type, id, command, node) -> {
                    ResourceRef ref = new ResourceRef(caller.tenant(), type, id);
                    store.heartbeat(ref, tab(command.tabId(), caller.userId(), command.mode(), node));
                    return ref;
                },
                new UserPorts(
                        new InMemoryStatusStore(Duration.ofDays(1)),
                        new InMemoryTypingStore(),
                        (caller, user) -> true,
                        true,
                        (caller, device, status, node, limited) -> {
                            throw new UnsupportedOperationException("no devices here");
                        },
                        TTL),
                settings,
                Thread::new,
                metrics);
        hub.start();
        return hub;
    }

    static Caller caller(String user) {
        return new Caller(user, user, "acme", Set.of());
    }

    static HeartbeatCommand command(String tabId) {
        return new HeartbeatCommand(tabId, Mode.VIEW, false, null);
    }

    /** A tab of {@code user} (named like its id) that expires a TTL from now. */
    static TabPresence tab(String tabId, String user, Mode mode, String node) {
        Instant now = Instant.now();
        return new TabPresence(tabId, user, user, mode, false, null, now, now.plus(TTL), node);
    }
}
