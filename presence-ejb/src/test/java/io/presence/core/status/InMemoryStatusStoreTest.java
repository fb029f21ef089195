package io.presence.core.status;

import io.presence.infrastructure.memory.InMemoryStatusStore;

/** The status store contract on the embedded in-memory store. */
class InMemoryStatusStoreTest extends StatusStoreContract {

    @Override
    protected StatusStore createStore() {
        return new InMemoryStatusStore(RETENTION);
    }
}
