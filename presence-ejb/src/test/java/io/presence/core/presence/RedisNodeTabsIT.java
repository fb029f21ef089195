package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.api.model.PresenceDiff;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The node-tab contract on a real Redis server, plus what only a shared store can do: clear a node. */
class RedisNodeTabsIT extends NodeTabsContract {

    private static RedisTestServer redis;
    /**
     * One pool for the class, as a node has one for all its adapters: each test closes its store, not
     * the pool, so a store that hands back a connection in a bad state fails the tests that follow.
     */
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
    protected PresenceStore createStore() {
        RedisPresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90));
        RedisPresenceStoreIT.awaitSubscribed(store);
        return store;
    }

    @Test
    void aRestartedNodeClearsTheTabsItsEarlierRunLeftButNotTabsThatMovedAway() throws InterruptedException {
        store.heartbeat(record, tab("a", node, now.plusSeconds(60)));
        store.heartbeat(record, tab("b", node, now.plusSeconds(60)));
        nextDiff();
        nextDiff();
        store.refresh(node, List.of(new TabKey(record, "a"), new TabKey(record, "b")), now.plusSeconds(60));
        store.heartbeat(record, tab("b", otherNode, now.plusSeconds(60)));
        assertEquals(1, store.clearNode(node), "only the tab the node still holds");
        PresenceDiff leave = nextDiff();
        assertEquals("a", leave.tab().tabId());
        assertEquals("closed", leave.reason());
        assertEquals(
                List.of("b"),
                store.snapshot(record, now).tabs().stream().map(t -> t.tabId()).toList());
        assertEquals(0, store.clearNode(node), "cleared once");
        assertNoMoreDiffs();
    }
}
