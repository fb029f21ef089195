package io.presence.web.rest;

import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.api.model.Viewer;
import io.presence.core.presence.RecordViewers;
import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.RecordState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire form of presence values (snake_case keys, ISO 8601 UTC times), shared by REST and WebSocket. */
public final class PresenceJson {

    private PresenceJson() {}

    /**
     * One user on a record, as seeds 000/001 show it, with the active fields and last activity. The
     * display name is both {@code user_name} and {@code name}, which pages written for Laravel's user
     * model read.
     */
    public static Map<String, Object> viewer(Viewer viewer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", viewer.userId());
        json.put("user_name", viewer.userName());
        json.put("name", viewer.userName());
        json.put("tabs", viewer.tabs());
        json.put("has_dirty_tab", viewer.hasDirtyTab());
        json.put("mode", viewer.mode().wireName());
        json.put("active_fields", viewer.activeFields());
        json.put("last_seen_at", viewer.lastSeen().toString());
        return json;
    }

    public static Map<String, Object> viewers(RecordViewers viewers) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("viewers", viewers.viewers().stream().map(PresenceJson::viewer).toList());
        json.put("current_user_id", viewers.currentUserId());
        json.put("seq", viewers.seq());
        return json;
    }

    /** One tab in seed 004's per-tab shape, with our tab id, dirty flag and field added. */
    public static Map<String, Object> tab(ResourceRef ref, TabPresence tab) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", tab.userId());
        json.put("username", tab.userName());
        json.put("resource_type", ref.type());
        json.put("resource_id", ref.id());
        json.put("action", tab.editing() ? "editing" : "viewing");
        json.put("timestamp", tab.lastSeen().toString());
        json.put("tab_id", tab.tabId());
        json.put("mode", tab.mode().wireName());
        json.put("dirty", tab.dirty());
        json.put("active_field", tab.activeField());
        return json;
    }

    public static List<Map<String, Object>> tabs(ResourceRef ref, List<TabPresence> tabs) {
        return tabs.stream().map(tab -> tab(ref, tab)).toList();
    }

    /** A field lock: who holds it (user and tab), its fencing token and when its lease lapses. */
    public static Map<String, Object> lock(FieldLock lock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("field", lock.field());
        json.put("token", lock.token());
        json.put("user_id", lock.userId());
        json.put("user_name", lock.userName());
        json.put("tab_id", lock.tabId());
        json.put("expires_at", lock.expiresAt().toString());
        return json;
    }

    /** The lifecycle members of snapshots, state reads and lifecycle diffs (seed 002's names in snake case). */
    public static void putLifecycle(Map<String, Object> json, Lifecycle lifecycle) {
        json.put("stale", lifecycle.stale());
        json.put("busy_by", lifecycle.busyBy());
        json.put(
                "stale_until",
                lifecycle.staleUntil() == null ? null : lifecycle.staleUntil().toString());
        json.put("version", lifecycle.version());
    }

    /** A record's locks and lifecycle, as snapshots and state reads carry them. */
    public static void putState(Map<String, Object> json, RecordState state) {
        json.put("locks", state.locks().stream().map(PresenceJson::lock).toList());
        putLifecycle(json, state.lifecycle());
    }
}
