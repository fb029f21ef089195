package io.presence.web.ws;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConversationAccessChecklist} on one node with the in-memory store. */
class ConversationAccessMemoryIT extends ConversationAccessChecklist {

    /** 18400 unless the system property {@code presence.it.access-port} names another. */
    static final int PORT = Integer.getInteger("presence.it.access-port", 18400);

    private static PayaraNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = PayaraNode.start("access-memory", PORT, Map.of());
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
