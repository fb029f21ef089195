package io.presence.core.events;

import io.presence.core.config.PresenceSettings;
import io.presence.core.presence.PresenceStores;
import io.presence.infrastructure.inprocess.InProcessResourceEvents;
import io.presence.infrastructure.redis.RedisResourceEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Logger;

/**
 * Chooses the {@link ResourceEvents} bus with the presence store: in-process for
 * {@code presence.store=memory} (one node), Redis pub/sub for {@code presence.store=redis}, so that an
 * event published on any node reaches the listeners of every node that shares the Redis.
 */
@ApplicationScoped
public class ResourceEventBuses {

    private static final Logger LOG = Logger.getLogger(ResourceEventBuses.class.getName());

    @Produces
    @ApplicationScoped
    ResourceEvents bus(PresenceSettings settings) {
        if (settings.isRedis()) {
            LOG.info("resource event bus: Redis pub/sub channel " + RedisResourceEvents.CHANNEL);
            return new RedisResourceEvents(PresenceStores.redis(settings.redisUrl()), RedisResourceEvents.CHANNEL);
        }
        LOG.info("resource event bus: in process (single node)");
        return new InProcessResourceEvents();
    }

    void close(@Disposes ResourceEvents bus) {
        bus.close();
    }
}
