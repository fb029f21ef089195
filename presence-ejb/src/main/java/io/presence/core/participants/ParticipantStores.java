package io.presence.core.participants;

import io.presence.core.config.PresenceSettings;
import io.presence.core.presence.PresenceStores;
import io.presence.infrastructure.memory.InMemoryParticipantStore;
import io.presence.infrastructure.redis.RedisParticipantStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the {@link ParticipantStore} with the presence store ({@code presence.store}): participants
 * live where the tabs live, so that every node that shares presence also shares who may see what.
 */
@ApplicationScoped
public class ParticipantStores {

    @Produces
    @ApplicationScoped
    ParticipantStore store(PresenceSettings settings) {
        return settings.isRedis()
                ? new RedisParticipantStore(PresenceStores.redis(settings.redisUrl()))
                : new InMemoryParticipantStore();
    }

    void close(@Disposes ParticipantStore store) {
        store.close();
    }
}
