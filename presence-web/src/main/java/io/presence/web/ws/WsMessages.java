package io.presence.web.ws;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.Viewer;
import io.presence.core.errors.PresenceException;
import io.presence.core.events.ResourceEvent;
import io.presence.core.json.JsonSupport;
import io.presence.core.presence.Snapshot;
import io.presence.web.rest.PresenceJson;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server-to-client messages of docs/protocol.md, rendered once per message with JSON-P and then
 * queued as the same string to every recipient. Field names and shapes are the protocol's; values come
 * from {@link PresenceJson}, shared with REST.
 */
final class WsMessages {

    static final String PONG = "{\"type\":\"pong\"}";

    private WsMessages() {}

    static String snapshot(ResourceRef ref, Snapshot snapshot, String currentUserId, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "snapshot");
        json.put("resource_type", ref.type());
        json.put("resource_id", ref.id());
        json.put("seq", snapshot.seq());
        json.put("current_user_id", currentUserId);
        json.put("viewers", viewers(snapshot));
        json.put("tabs", PresenceJson.tabs(ref, snapshot.tabs()));
        return render(json, ref0);
    }

    static String typeSnapshot(String type, Map<ResourceRef, Snapshot> records, String currentUserId, JsonValue ref0) {
        List<Map<String, Object>> list = new ArrayList<>(records.size());
        records.forEach((ref, snapshot) -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("resource_id", ref.id());
            record.put("seq", snapshot.seq());
            record.put("viewers", viewers(snapshot));
            record.put("tabs", PresenceJson.tabs(ref, snapshot.tabs()));
            list.add(record);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "snapshot");
        json.put("resource_type", type);
        json.put("resource_id", null);
        json.put("current_user_id", currentUserId);
        json.put("records", list);
        return render(json, ref0);
    }

    /** A diff with the user's aggregate after it ({@code viewer} null once their last tab left). */
    static String diff(PresenceDiff diff, Viewer viewer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "diff");
        json.put("resource_type", diff.ref().type());
        json.put("resource_id", diff.ref().id());
        json.put("seq", diff.seq());
        json.put("kind", diff.kind().name().toLowerCase(Locale.ROOT));
        json.put("reason", diff.reason());
        json.put("tab", PresenceJson.tab(diff.ref(), diff.tab()));
        json.put("viewer", viewer == null ? null : PresenceJson.viewer(viewer));
        return render(json, null);
    }

    /** A resource event in seed 004's form plus the record's type and the publisher's data. */
    static String event(ResourceEvent event) {
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

    static String unsubscribed(String type, String id, JsonValue ref0) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "unsubscribed");
        json.put("resource_type", type);
        json.put("resource_id", id);
        return render(json, ref0);
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

    private static List<Map<String, Object>> viewers(Snapshot snapshot) {
        return Viewer.aggregate(snapshot.tabs()).stream()
                .map(PresenceJson::viewer)
                .toList();
    }

    private static String render(Map<String, Object> json, JsonValue ref0) {
        if (ref0 != null) {
            json.put("ref", ref0);
        }
        return JsonSupport.write(json);
    }
}
