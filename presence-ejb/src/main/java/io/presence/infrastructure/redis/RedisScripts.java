package io.presence.infrastructure.redis;

import io.presence.core.errors.StoreUnavailableException;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs an adapter's Redis work that calls its scripts by SHA, also in pipelines: a server that does
 * not know them (restarted, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}; they are then loaded and
 * the work is done once more. Infrastructure failures become {@link StoreUnavailableException}.
 */
final class RedisScripts {

    private static final Logger LOG = Logger.getLogger(RedisScripts.class.getName());

    private final JedisPooled jedis;
    private final List<LuaScript> scripts;
    private final String sampleKey;

    /** @param sampleKey a key that routes the script loads to the right server */
    RedisScripts(JedisPooled jedis, String sampleKey, LuaScript... scripts) {
        this.jedis = jedis;
        this.sampleKey = sampleKey;
        this.scripts = List.of(scripts);
    }

    <T> T run(Supplier<T> work) {
        try {
            try {
                return work.get();
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                scripts.forEach(script -> script.ensureLoaded(jedis, sampleKey));
                LOG.info(() -> "loaded the Lua scripts " + scripts + " into Redis");
                return work.get();
            }
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
