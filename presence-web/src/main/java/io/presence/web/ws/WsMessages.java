package io.presence.web.ws;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.Viewer;
import io.presence.core.errors.PresenceException;
import io.presence.core.events.ResourceEvent;
import io.presence.core.hub.HubMessage;
import io.presence.core.hub.RoomCounts;
import io.presence.core.hub.RoomView;
import io.presence.core.json.JsonSupport;
import io.presence.core.limits.MessageLimiter;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.StateDiff;
import io.presence.core.status.ConversationTyping;
import io.presence.core.status.TypingChanged;
import io.presence.core.status.UserStatus;
import io.presence.web.rest.PresenceJson;
import io.presence.web.rest.StatusJson;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server-to-client messages of docs/protocol.md. A hub message that goes to many recipients is
 * rendered and framed once ({@link io.presence.core.hub.Memo}); a snapshot's shared part (the record's
 * viewers and tabs) is rendered once per room state and only the recipient's {@code current_user_id}
 * and {@code ref} are added per recipient. Field names and shapes are the protocol's; values come from
 * {@link PresenceJson}, shared with REST.
 */
final class WsMessages {

    /** The key under which this protocol caches its encodings in a hub message's memo. */
    private static final Object CODEC = WsMessages.class;

    private WsMessages() {}

    /** The frame of a hub message. */
    static WsFrame encode(HubMessage message) {
        if (message instanceof HubMessage.Diff diff) {
            return diff.memo().get(CODEC, () -> new WsFrame(diff(diff)));
        }
        if (message instanceof HubMessage.StateChange change) {
            return change.memo().get(CODEC, () -> new WsFrame(stateChange(change.diff())));
        }
        if (message instanceof HubMessage.Event event) {
            return event.memo().get(CODEC, () -> new WsFrame(event(event.event())));
        }
        if (message instanceof HubMessage.RecordSnapshot snapshot) {
            return new WsFrame(snapshot(snapshot));
        }
        if (message instanceof HubMessage.UserStatusChange change) {
            return change.memo().get(CODEC, () -> new WsFrame(status(change.status())));
        }
        if (message instanceof HubMessage.UserStatusBatch batch) {
            return batch.memo()
                    .get(
                            CODEC,
                            () -> WsFrame.joined(batch.changes().stream()
                                    .map(WsMessages::encode)
                                    .toList()));
        }
        if (message instanceof HubMessage.TypingChange change) {
            return change.memo().get(CODEC, () -> new WsFrame(typing(change.change())));
        }
        if (message instanceof HubMessage.AccessRevoked revoked) {
            return new WsFrame(accessRevoked(revoked.ref()));
        }
        if (message instanceof HubMessage.UserSnapshot users) {
            return new WsFrame(users(users));
        }
        return new WsFrame(typeSnapshot((HubMessage.TypeSnapshot) message));
    }

    /** The users a {@code users} subscription starts with. */
    private static String users(HubMessage.UserSnapshot message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "snapshot");
        json.put("resource_type", "users");
        json.put("users", StatusJson.users(message.users()));
        json.put("truncated", message.truncated());
        json.put("current_user_id", message.currentUserId());
        return render(json, (JsonValue) message.correlationId());
    }

    /** A user's status changed. */
    private static String status(UserStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "status");
        json.putAll(StatusJson.status(status));
        return render(json, null);
    }

    /** A user started or stopped typing in a conversation. */
    private static String typing(TypingChanged change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "typing");
        json.put("user_id", change.userId());
        json.put("conversation_id", change.conversationId());
        json.put("is_typing", change.typing());
        return render(json, null);
    }

    /** The answer to {@code status}: the user's status after the report, and the device it was for. */
    static String statusAck(UserStatus status, String deviceId, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "status_ack");
        json.putAll(StatusJson.status(status));
        json.put("device_id", deviceId);
        return render(json, ref0);
    }

    /** The answer to {@code typing}. */
    static String typingAck(ConversationTyping.Outcome outcome, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "typing_ack");
        json.put("conversation_id", outcome.conversationId());
        json.put("is_typing", outcome.typing());
        json.put("expires_at", outcome.until() == null ? null : outcome.until().toString());
        return render(json, ref0);
    }

    private static String snapshot(HubMessage.RecordSnapshot message) {
        RoomView view = message.view();
        String shared = view.memo().get(CODEC, () -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "snapshot");
            json.put("resource_type", view.ref().type());
            json.put("resource_id", view.ref().id());
            json.put("seq", view.seq());
            json.put("viewers", viewers(view));
            json.put("tabs", PresenceJson.tabs(view.ref(), view.tabs()));
            json.put("counts", counts(view.counts()));
            json.put("truncated", view.truncated());
            PresenceJson.putState(json, view.state());
            String whole = JsonSupport.write(json);
            return whole.substring(0, whole.length() - 1);
        });
        StringBuilder text = new StringBuilder(shared.length() + 64).append(shared);
        text.append(",\"current_user_id\":").append(JsonSupport.PROVIDER.createValue(message.currentUserId()));
        if (message.correlationId() instanceof JsonValue ref) {
            text.append(",\"ref\":").append(ref);
        }
        return text.append('}').toString();
    }

    private static String typeSnapshot(HubMessage.TypeSnapshot message) {
        List<Map<String, Object>> list = new ArrayList<>(message.records().size());
        message.records().forEach((ref, view) -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("resource_id", ref.id());
            record.put("seq", view.seq());
            record.put("viewers", viewers(view));
            record.put("tabs", PresenceJson.tabs(ref, view.tabs()));
            record.put("counts", counts(view.counts()));
            record.put("truncated", view.truncated());
            PresenceJson.putState(record, view.state());
            list.add(record);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "snapshot");
        json.put("resource_type", message.type());
        json.put("resource_id", null);
        json.put("current_user_id", message.currentUserId());
        json.put("records", list);
        return render(json, (JsonValue) message.correlationId());
    }

    /** A diff with the user's aggregate after it ({@code viewer} null once their last tab left). */
    private static String diff(HubMessage.Diff message) {
        PresenceDiff diff = message.diff();
        Viewer viewer = message.viewer();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "diff");
        json.put("resource_type", diff.ref().type());
        json.put("resource_id", diff.ref().id());
        json.put("seq", diff.seq());
        json.put("kind", diff.kind().name().toLowerCase(Locale.ROOT));
        json.put("reason", diff.reason());
        json.put("tab", PresenceJson.tab(diff.ref(), diff.tab()));
        json.put("viewer", viewer == null ? null : PresenceJson.viewer(viewer));
        if (message.counts() != null) {
            json.put("counts", counts(message.counts()));
        }
        return render(json, null);
    }

    /**
     * A change of a record's locks ({@code locked}, {@code unlocked}, with the lock) or lifecycle
     * ({@code lifecycle}, with the stale flag and version), numbered in the record's series of diffs.
     */
    private static String stateChange(StateDiff diff) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "type",
                switch (diff.kind()) {
                    case LOCKED -> "locked";
                    case UNLOCKED -> "unlocked";
                    case LIFECYCLE -> "lifecycle";
                });
        json.put("resource_type", diff.ref().type());
        json.put("resource_id", diff.ref().id());
        json.put("seq", diff.seq());
        json.put("reason", diff.reason());
        if (diff.lock() != null) {
            json.put("lock", PresenceJson.lock(diff.lock()));
        } else {
            PresenceJson.putLifecycle(json, diff.lifecycle());
        }
        return render(json, null);
    }

    /** The answer to {@code lock}: the lock now held, or the other holder's. */
    static String lockAck(ResourceRef ref, String field, LockOutcome outcome, JsonValue ref0) {
        boolean success = outcome.status() != LockOutcome.Status.HELD;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "lock_ack");
        json.put("resource_type", ref.type());
        json.put("resource_id", ref.id());
        json.put("field", field);
        json.put("success", success);
        json.put(success ? "lock" : "held_by", PresenceJson.lock(outcome.lock()));
        return render(json, ref0);
    }

    /** The answer to {@code unlock}: whether a lock of the caller was released. */
    static String unlockAck(ResourceRef ref, String field, boolean released, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "unlock_ack");
        json.put("resource_type", ref.type());
        json.put("resource_id", ref.id());
        json.put("field", field);
        json.put("released", released);
        return render(json, ref0);
    }

    /** A resource event in seed 004's form plus the record's type and the publisher's data. */
    private static String event(ResourceEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.eventType());
        json.put("resource_type", event.ref().type());
        json.put("id", event.ref().id());
        json.put("resource_id", event.ref().id());
        json.put("action", event.action());
        json.put("user_id", event.userId());
        json.put("user", event.user());
        json.put("data", event.data());
        json.put("timestamp", event.at().toString());
        return render(json, null);
    }

    /** The answer to a stats query: the record's totals, listing nobody. */
    static String stats(ResourceRef ref, RoomCounts counts, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "stats");
        json.put("resource_type", ref.type());
        json.put("resource_id", ref.id());
        json.put("counts", counts(counts));
        return render(json, ref0);
    }

    /** The answer to {@code ping}, with the ping's {@code ref} when it had one. */
    static String pong(JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "pong");
        return render(json, ref0);
    }

    static String unsubscribed(String type, String id, JsonValue ref0) {
        return render(unsubscribed(type, id), ref0);
    }

    /**
     * The caller may no longer see a record it watched: its subscription to the record ended, or (for a
     * type subscription) the record left the list. Nothing more of the record follows.
     */
    private static String accessRevoked(ResourceRef record) {
        Map<String, Object> json = unsubscribed(record.type(), record.id());
        json.put("reason", "access_revoked");
        return render(json, null);
    }

    private static Map<String, Object> unsubscribed(String type, String id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "unsubscribed");
        json.put("resource_type", type);
        json.put("resource_id", id);
        return json;
    }

    /** The answer to {@code auth}: the connection now lives until the fresh token expires. */
    static String authAck(Instant expiresAt, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "auth_ack");
        json.put("expires_at", expiresAt.toString());
        return render(json, ref0);
    }

    /** The answer to a message over the connection's rate limit, which was not executed. */
    static String rateLimited(MessageLimiter limiter, MessageLimiter.Verdict verdict, JsonValue ref0) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retry_after_ms", verdict.retryAfterMillis());
        details.put("messages_per_second", limiter.rate().permits());
        details.put("burst", limiter.rate().burst());
        return error("rate_limited", limiter.refusal(), details, ref0);
    }

    static String error(PresenceException e, JsonValue ref0) {
        return error(e.code(), e.getMessage(), e.details(), ref0);
    }

    static String error(String code, String message, Map<String, Object> details, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "error");
        json.put("code", code);
        json.put("message", message);
        json.put("details", details);
        return render(json, ref0);
    }

    static Map<String, Object> counts(RoomCounts counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("viewers", counts.viewers());
        json.put("tabs", counts.tabs());
        json.put("editors", counts.editors());
        return json;
    }

    private static List<Map<String, Object>> viewers(RoomView view) {
        return view.viewers().stream().map(PresenceJson::viewer).toList();
    }

    private static String render(Map<String, Object> json, JsonValue ref0) {
        if (ref0 != null) {
            json.put("ref", ref0);
        }
        return JsonSupport.write(json);
    }
}
