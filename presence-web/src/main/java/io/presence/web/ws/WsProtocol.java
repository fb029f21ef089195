package io.presence.web.ws;

import io.presence.api.model.ResourceRef;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.PresenceException;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.hub.Hub;
import io.presence.core.limits.MessageLimiter;
import io.presence.core.metrics.Counters;
import io.presence.core.plugins.PluginLoader;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.Inputs;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.records.FieldLocks;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import io.presence.core.security.Authenticator;
import io.presence.core.status.ConversationTyping;
import io.presence.core.status.Status;
import io.presence.core.status.UserStatus;
import io.presence.core.status.UserStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
    Authenticator authenticator;

    @Inject
    Connections connections;

    @Inject
    ConversationTyping typing;

    @Inject
    Counters counters;

    void handle(WsConnection conn, String text) {
        MessageLimiter.Verdict verdict = conn.limiter().offer(System.nanoTime());
        if (verdict.kind() != MessageLimiter.Kind.ACCEPTED) {
            refuse(conn, text, verdict);
            return;
        }
        ClientMessage message = null;
        try {
            message = ClientMessage.parse(text);
            message.requireText();
            dispatch(conn, message);
        } catch (PresenceException e) {
            if (e instanceof StoreUnavailableException) {
                counters.increment(Counters.STORE_UNAVAILABLE, Map.of("channel", Connections.CHANNEL));
            }
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
            case "status" -> status(conn, message);
            case "typing" -> typing(conn, message);
            case "ping" -> conn.send(WsMessages.pong(message.ref()));
            case "auth" -> auth(conn, message);
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
        askedForUserEvents(conn, message);
        if (type.equals(PluginLoader.RESERVED_TYPE)) {
            List<String> only = message.optionalStrings("user_ids");
            hub.subscribeUsers(
                    conn.client(), only == null ? null : new HashSet<>(UserStatuses.validIds(only)), message.ref());
        } else if (id.isPresent()) {
            hub.subscribeRecord(conn.client(), access.visible(conn.caller(), type, id.get()), message.ref());
        } else {
            registry.require(type);
            hub.subscribeType(conn.client(), type, message.ref());
        }
    }

    private void unsubscribe(WsConnection conn, ClientMessage message) {
        String type = message.requiredString("resource_type");
        var id = message.optionalString("resource_id");
        if (type.equals(PluginLoader.RESERVED_TYPE)) {
            hub.unsubscribeUsers(conn.client());
        } else if (id.isPresent()) {
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
        askedForUserEvents(conn, message);
        hub.presence(conn.client(), type, id, command, message.ref());
    }

    /** {@code "user_events": true} turns on {@link UserEvents} for the whole connection. */
    private static void askedForUserEvents(WsConnection conn, ClientMessage message) {
        if (message.flag("user_events")) {
            conn.sendUserEvents();
        }
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

    /**
     * A fresh token for this connection: it must name the same user and grant the same tenant, else the
     * connection is closed (1008). A token that does not verify gets an {@code error} and the connection
     * lives on until its current token expires.
     */
    private void auth(WsConnection conn, ClientMessage message) {
        Instant expiresAt;
        try {
            expiresAt = authenticator.reauthenticate(conn.caller(), message.requiredString("token"));
        } catch (ForbiddenException e) {
            conn.send(WsMessages.error(e, message.ref()));
            connections.close(conn, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.code()), false);
            return;
        }
        connections.expireAt(conn, expiresAt);
        conn.send(WsMessages.authAck(expiresAt, message.ref()));
    }

    /**
     * Makes the connection a device of the caller ({@code device_id}, or the connection itself) with the
     * reported status; answered with {@code status_ack}, or an {@code error rate_limited}.
     */
    private void status(WsConnection conn, ClientMessage message) {
        Status status = Status.parse("status", message.optionalString("status").orElse(null));
        String deviceId = message.optionalString("device_id").orElseGet(() -> connectionTab(conn));
        UserStatus user = hub.reportStatus(conn.client(), deviceId, status);
        conn.send(WsMessages.statusAck(user, deviceId, message.ref()));
    }

    private void typing(WsConnection conn, ClientMessage message) {
        ConversationTyping.Outcome outcome = typing.typing(
                conn.caller(), message.requiredString("conversation_id"), message.requiredBoolean("is_typing"));
        conn.send(WsMessages.typingAck(outcome, message.ref()));
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
