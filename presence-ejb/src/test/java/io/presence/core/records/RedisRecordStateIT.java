package io.presence.core.records;

import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.RedisPresenceStoreIT;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.JedisPooled;

/** The record-state contract on a real Redis server. */
class RedisRecordStateIT extends RecordStateContract {

    private static RedisTestServer redis;
    private static JedisPooled pool;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        pool = RedisConnections.pool(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        pool.close();
        redis.close();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <S extends PresenceStore & RecordStateStore> S createStore() {
        RedisPresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90));
        RedisPresenceStoreIT.awaitSubscribed(store);
        return (S) store;
    }
}
