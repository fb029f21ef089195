package io.presence.web.ws;

import io.presence.api.model.ResourceRef;
import io.presence.core.errors.PresenceException;
import io.presence.core.hub.Hub;
import io.presence.core.limits.MessageLimiter;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.Inputs;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.records.FieldLocks;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Interprets client messages (docs/protocol.md, "Client to server"). A message that fails, for any
 * reason, gets one {@code error} reply carrying its {@code ref}; the connection and its other
 * subscriptions are untouched. A message over the connection's rate limit is not executed: it gets an
 * {@code error} {@code rate_limited} with the wait, and a connection that keeps sending regardless is
 * closed with 1008.
 */
@ApplicationScoped
public class WsProtocol {

    private static final Logger LOG = Logger.getLogger(WsProtocol.class.getName());

    @Inject
    Hub hub;

    @Inject
    ResourceAccess access;

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    FieldLocks locks;

    @Inject
    Connections connections;

    void handle(WsConnection conn, String text) {
        MessageLimiter.Verdict verdict = conn.limiter().offer(System.nanoTime());
        if (verdict.kind() != MessageLimiter.Kind.ACCEPTED) {
            refuse(conn, text, verdict);
            return;
        }
        ClientMessage message = null;
        try {
            message = ClientMessage.parse(text);
            dispatch(conn, message);
        } catch (PresenceException e) {
            conn.send(WsMessages.error(e, message == null ? null : message.ref()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure handling a WebSocket message", e);
            conn.send(WsMessages.error(
                    "internal_error",
                    "the server failed to process the message",
                    Map.of(),
                    message == null ? null : message.ref()));
        }
    }

    private void refuse(WsConnection conn, String text, MessageLimiter.Verdict verdict) {
        if (verdict.kind() == MessageLimiter.Kind.CLOSE) {
            connections.close(
                    conn,
                    new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "rate_limited: too many messages refused"),
                    false);
            return;
        }
        conn.send(WsMessages.rateLimited(conn.limiter(), verdict, ClientMessage.refOf(text)));
    }

    private void dispatch(WsConnection conn, ClientMessage message) {
        switch (message.type()) {
            case "subscribe" -> subscribe(conn, message);
            case "unsubscribe" -> unsubscribe(conn, message);
            case "presence" -> presence(conn, message);
            case "leave" -> leave(conn, message);
            case "stats" -> stats(conn, message);
            case "lock" -> lock(conn, message);
            case "unlock" -> unlock(conn, message);
            case "ping" -> conn.send(WsMessages.PONG);
            default ->
                throw new PresenceException(
                        400,
                        "unknown_message_type",
                        "unknown message type '" + Inputs.printable(message.type()) + "'",
                        Map.of("type", Inputs.printable(message.type())));
        }
    }

    private void subscribe(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        var id = message.optionalString("resource_id");
        if (id.isPresent()) {
            hub.subscribeRecord(conn.client(), access.visible(conn.caller(), type, id.get()), message.ref());
        } else {
            registry.require(type);
            hub.subscribeType(conn.client(), type, message.ref());
        }
    }

    private void unsubscribe(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        var id = message.optionalString("resource_id");
        if (id.isPresent()) {
            hub.unsubscribeRecord(conn.client(), new ResourceRef(conn.caller().tenant(), type, id.get()));
        } else {
            hub.unsubscribeType(conn.client(), type);
        }
        conn.send(WsMessages.unsubscribed(type, id.orElse(null), message.ref()));
    }

    private void presence(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        String id = message.requiredString("resource_id");
        HeartbeatCommand command = message.heartbeatCommand(connectionTab(conn));
        hub.presence(conn.client(), type, id, command, message.ref());
    }

    /** Locks a field for a tab of this connection (its own tab when the message names none). */
    private void lock(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        String id = message.requiredString("resource_id");
        String field = message.requiredString("field");
        String tabId = message.optionalString("tab_id").orElseGet(() -> connectionTab(conn));
        LockOutcome outcome = locks.lock(conn.caller(), type, id, field, tabId);
        conn.send(WsMessages.lockAck(new ResourceRef(conn.caller().tenant(), type, id), field, outcome, message.ref()));
    }

    private void unlock(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        String id = message.requiredString("resource_id");
        String field = message.requiredString("field");
        UnlockOutcome outcome = locks.unlock(conn.caller(), type, id, field);
        conn.send(WsMessages.unlockAck(
                new ResourceRef(conn.caller().tenant(), type, id),
                field,
                outcome.status() == UnlockOutcome.Status.RELEASED,
                message.ref()));
    }

    private void stats(WsConnection conn, ClientMessage message) {
        ResourceRef ref = access.visible(
                conn.caller(), message.requiredString("resource_type"), message.requiredString("resource_id"));
        conn.send(WsMessages.stats(ref, hub.counts(ref), message.ref()));
    }

    /** The tab id of a connection that is a tab itself (a {@code presence} without {@code tab_id}). */
    private static String connectionTab(WsConnection conn) {
        return "ws-" + conn.id().replaceAll("[^A-Za-z0-9._~-]", "");
    }

    private void leave(WsConnection conn, ClientMessage message) {
        ResourceRef ref = access.visible(
                conn.caller(), message.requiredString("resource_type"), message.requiredString("resource_id"));
        hub.leave(conn.client(), ref, Inputs.tabId(message.requiredString("tab_id")));
    }
}
