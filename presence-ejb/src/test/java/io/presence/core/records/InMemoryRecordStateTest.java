package io.presence.core.records;

import io.presence.core.presence.PresenceStore;
import io.presence.infrastructure.memory.InMemoryPresenceStore;

/** The record-state contract on the embedded in-memory store. */
class InMemoryRecordStateTest extends RecordStateContract {

    @Override
    @SuppressWarnings("unchecked")
    protected <S extends PresenceStore & RecordStateStore> S createStore() {
        return (S) new InMemoryPresenceStore();
    }
}
