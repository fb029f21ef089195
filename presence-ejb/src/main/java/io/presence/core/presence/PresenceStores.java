package io.presence.core.presence;

import io.presence.core.config.PresenceSettings;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import io.presence.infrastructure.redis.RedisPresenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

/** Chooses the {@link PresenceStore} from {@code presence.store}: {@code memory} (default) or {@code redis}. */
@ApplicationScoped
public class PresenceStores {

    private static final Logger LOG = Logger.getLogger(PresenceStores.class.getName());
    private static final int REDIS_TIMEOUT_MS = 2_000;

    @Produces
    @ApplicationScoped
    PresenceStore store(PresenceSettings settings) {
        return switch (settings.store()) {
            case "memory" -> {
                LOG.info("presence store: in memory (single node)");
                yield new InMemoryPresenceStore();
            }
            case "redis" -> {
                LOG.info("presence store: Redis");
                yield new RedisPresenceStore(redis(settings.redisUrl()), settings.tabTtl());
            }
            default ->
                throw new IllegalStateException(
                        "presence.store must be 'memory' or 'redis', not '" + settings.store() + "'");
        };
    }

    void close(@Disposes PresenceStore store) {
        store.close();
    }

    /** A pool sized for a busy node; a connection waits at most the timeout for a free slot. */
    public static JedisPooled redis(String url) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        pool.setMaxWait(java.time.Duration.ofMillis(REDIS_TIMEOUT_MS));
        pool.setJmxEnabled(false);
        return new JedisPooled(pool, URI.create(url), REDIS_TIMEOUT_MS);
    }
}
