package io.presence.web.ws;

import io.presence.testing.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Seed 003's checklist on one node with the in-memory store. */
class UserStatusMemoryIT extends UserStatusChecklist {

    private static PayaraNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = PayaraNode.launch("status-memory", TestPorts.free(), announcing(SETTINGS), pluginJars());
        node.awaitReady();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected PayaraNode actorNode() {
        return node;
    }

    @Override
    protected PayaraNode watcherNode() {
        return node;
    }
}
