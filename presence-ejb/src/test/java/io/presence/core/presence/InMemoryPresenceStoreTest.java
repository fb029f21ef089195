package io.presence.core.presence;

import io.presence.infrastructure.memory.InMemoryPresenceStore;

/** The store contract on the embedded in-memory store. */
class InMemoryPresenceStoreTest extends PresenceStoreContract {

    @Override
    protected PresenceStore createStore() {
        return new InMemoryPresenceStore();
    }
}
