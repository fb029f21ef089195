package io.presence.core.participants;

import io.presence.core.presence.PresenceStores;
import io.presence.infrastructure.redis.RedisParticipantStore;
import io.presence.testing.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The participant store contract on a real Redis (tenants are random, nothing is flushed). */
class RedisParticipantStoreIT extends ParticipantStoreContract {

    private static RedisTestServer redis;
    private static ParticipantStore store;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        store = new RedisParticipantStore(PresenceStores.redis(redis.url()));
    }

    @AfterAll
    static void stopRedis() {
        store.close();
        redis.close();
    }

    @Override
    protected ParticipantStore store() {
        return store;
    }
}
