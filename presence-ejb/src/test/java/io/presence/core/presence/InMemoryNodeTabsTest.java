package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.infrastructure.memory.InMemoryPresenceStore;
import org.junit.jupiter.api.Test;

/** The node-tab contract on the in-memory store. */
class InMemoryNodeTabsTest extends NodeTabsContract {

    @Override
    protected PresenceStore createStore() {
        return new InMemoryPresenceStore();
    }

    @Test
    void clearingANodeFindsNothingBecauseMemoryDoesNotSurviveARestart() {
        store.heartbeat(record, tab("a", node, now.plusSeconds(60)));
        assertEquals(0, store.clearNode(node));
        assertEquals(1, store.snapshot(record, now).tabs().size());
    }
}
