package io.presence.core.status;

import io.presence.infrastructure.memory.InMemoryTypingStore;

/** The typing store contract on the embedded in-memory store. */
class InMemoryTypingStoreTest extends TypingStoreContract {

    @Override
    protected TypingStore createStore() {
        return new InMemoryTypingStore();
    }
}
