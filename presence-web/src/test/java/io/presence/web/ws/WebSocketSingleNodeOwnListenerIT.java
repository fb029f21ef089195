package io.presence.web.ws;

/** Every behaviour of {@link WebSocketSingleNodeIT}, on the node's WebSocket listener of its own. */
class WebSocketSingleNodeOwnListenerIT extends WebSocketSingleNodeIT {

    @Override
    int wsPort() {
        return SingleNode.WS_PORT;
    }
}
