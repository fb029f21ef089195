package io.presence.web.ws;

import io.presence.testing.RedisTestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ConversationAccessChecklist} on two nodes sharing one real Redis: participants change through
 * node A, the connections that must follow are on node B.
 */
class ConversationAccessClusterIT extends ConversationAccessChecklist {

    /** Node A's port, node B's next to it; 18401 unless {@code presence.it.access-cluster-port} says. */
    static final int PORT = Integer.getInteger("presence.it.access-cluster-port", 18401);

    private static RedisTestServer redis;
    private static PayaraNode nodeA;
    private static PayaraNode nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisTestServer.start();
        Map<String, String> env = Map.of("PRESENCE_STORE", "redis", "PRESENCE_REDIS_URL", redis.url());
        // One after the other: two boots at once on a busy machine can outlast the start timeout.
        nodeA = PayaraNode.start("access-node-a", PORT, with(env, "node-a"));
        nodeB = PayaraNode.start("access-node-b", PORT + 1, with(env, "node-b"));
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
