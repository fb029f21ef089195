package io.presence.infrastructure.memory;

import io.presence.api.model.ResourceRef;
import io.presence.core.participants.ParticipantStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ParticipantStore} in this JVM's memory; each record's set is replaced as one immutable value. */
public final class InMemoryParticipantStore implements ParticipantStore {

    private final Map<ResourceRef, Set<String>> participants = new ConcurrentHashMap<>();

    @Override
    public Set<String> participants(ResourceRef ref) {
        return participants.getOrDefault(ref, Set.of());
    }

    @Override
    public void replace(ResourceRef ref, Set<String> users) {
        if (users.isEmpty()) {
            participants.remove(ref);
        } else {
            participants.put(ref, Set.copyOf(users));
        }
    }
}
