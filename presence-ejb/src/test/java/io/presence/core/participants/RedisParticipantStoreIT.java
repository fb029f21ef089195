package io.presence.core.participants;

import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisParticipantStore;
import io.presence.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.JedisPooled;

/** The participant store contract on a real Redis (tenants are random, nothing is flushed). */
class RedisParticipantStoreIT extends ParticipantStoreContract {

    private static RedisTestServer redis;
    private static JedisPooled pool;
    private static ParticipantStore store;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        pool = RedisConnections.pool(redis.url());
        store = new RedisParticipantStore(pool);
    }

    @AfterAll
    static void stopRedis() {
        store.close();
        pool.close();
        redis.close();
    }

    @Override
    protected ParticipantStore store() {
        return store;
    }
}
