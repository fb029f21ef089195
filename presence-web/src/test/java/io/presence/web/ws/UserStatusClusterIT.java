package io.presence.web.ws;

import io.presence.testing.RedisTestServer;
import io.presence.testing.TestPorts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Seed 003's checklist on two nodes sharing one real Redis: every action on node A, every watcher and
 * look-up on node B, so that statuses, typing, the rate limit, pushes and the test plugin's announced
 * rule changes all cross nodes.
 */
class UserStatusClusterIT extends UserStatusChecklist {

    private static RedisTestServer redis;
    private static PayaraNode nodeA;
    private static PayaraNode nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisTestServer.start();
        Map<String, String> env = new HashMap<>(SETTINGS);
        env.put("PRESENCE_STORE", "redis");
        env.put("PRESENCE_REDIS_URL", redis.url());
        List<Path> plugin = pluginJars();
        // One after the other: two boots at once on a busy machine can outlast the start timeout.
        nodeA = PayaraNode.start("status-node-a", TestPorts.free(), announcing(with(env, "node-a")), plugin);
        nodeB = PayaraNode.start("status-node-b", TestPorts.free(), with(env, "node-b"), plugin);
    }

    private static Map<String, String> with(Map<String, String> env, String nodeId) {
        Map<String, String> own = new HashMap<>(env);
        own.put("PRESENCE_NODE_ID", nodeId);
        return own;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, redis}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Override
    protected PayaraNode actorNode() {
        return nodeA;
    }

    @Override
    protected PayaraNode watcherNode() {
        return nodeB;
    }
}
