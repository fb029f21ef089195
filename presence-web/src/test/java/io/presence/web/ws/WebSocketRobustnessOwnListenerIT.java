package io.presence.web.ws;

/** Every behaviour of {@link WebSocketRobustnessIT}, on the node's WebSocket listener of its own. */
class WebSocketRobustnessOwnListenerIT extends WebSocketRobustnessIT {

    @Override
    int wsPort() {
        return SingleNode.WS_PORT;
    }
}
