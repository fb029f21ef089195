package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.participants.ParticipantStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link ParticipantStore} on Redis: one set per record, {@code presence:{tenant:type:id}:participants},
 * in the record's hash slot. Replacing is one call of {@code replace_participants.lua}, so readers on
 * other nodes never see a half-written list. Participants do not expire: they are facts the domain
 * application owns, and it removes them by registering an empty list.
 */
public final class RedisParticipantStore implements ParticipantStore {

    private final JedisPooled jedis;
    private final LuaScript replace = LuaScript.load("replace_participants");

    /** @param jedis the node's connection pool; shared with its other Redis adapters, not closed here */
    public RedisParticipantStore(JedisPooled jedis) {
        this.jedis = jedis;
    }

    @Override
    public Set<String> participants(ResourceRef ref) {
        return onRedis(() -> jedis.smembers(RedisKeys.participants(ref)));
    }

    @Override
    public void replace(ResourceRef ref, Set<String> users) {
        List<String> args = new ArrayList<>(users);
        onRedis(() -> replace.call(jedis, List.of(RedisKeys.participants(ref)), args));
    }

    private static <T> T onRedis(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    @Override
    public void close() {}
}
