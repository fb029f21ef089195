package io.presence.core.participants;

import io.presence.infrastructure.memory.InMemoryParticipantStore;

class InMemoryParticipantStoreTest extends ParticipantStoreContract {

    private final ParticipantStore store = new InMemoryParticipantStore();

    @Override
    protected ParticipantStore store() {
        return store;
    }
}
