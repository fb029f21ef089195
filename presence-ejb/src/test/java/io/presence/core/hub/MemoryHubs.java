package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.memory.InMemoryStatusStore;
import io.presence.infrastructure.memory.InMemoryTypingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiPredicate;

/** Hubs over the in-memory store, without devices, for tests of the hub's rooms and tabs. */
final class MemoryHubs {

    private MemoryHubs() {}

    /** A started hub whose node tabs are written straight to {@code store}, unchecked but for {@code visible}. */
    static Hub started(InMemoryPresenceStore store, BiPredicate<Caller, ResourceRef> visible, HubSettings settings) {
        Hub hub = new Hub(
                store,
                store,
                visible,
                (caller, type, id, command, node) -> {
                    ResourceRef ref = new ResourceRef(caller.tenant(), type, id);
                    Instant now = Instant.now();
                    store.heartbeat(
                            ref,
                            new TabPresence(
                                    command.tabId(),
                                    caller.userId(),
                                    caller.userId(),
                                    command.mode(),
                                    false,
                                    null,
                                    now,
                                    now.plus(settings.tabTtl()),
                                    node));
                    return ref;
                },
                new UserPorts(
                        new InMemoryStatusStore(Duration.ofDays(1)),
                        new InMemoryTypingStore(),
                        (caller, user) -> true,
                        (caller, device, status, node, limited) -> {
                            throw new UnsupportedOperationException("no devices here");
                        },
                        settings.tabTtl()),
                settings,
                Thread::new);
        hub.start();
        return hub;
    }
}
