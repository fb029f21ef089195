package io.presence.web.ws;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.TabPresence;
import io.presence.api.model.Viewer;
import io.presence.core.hub.HubMessage;
import io.presence.core.json.JsonSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-level messages a connection gets besides the diffs when it asks for them
 * ({@code "user_events": true} on {@code subscribe} or {@code presence}): {@code user_joined} when a
 * user's first tab joins a record, {@code user_left} when their last tab leaves it, and
 * {@code presence_update} with the tab's {@code viewing}/{@code editing} on every join and update. They
 * say per user what diffs say per tab, in the shape of clients written for per-user notifications.
 * Rendered once per diff for all connections that asked.
 */
final class UserEvents {

    private static final Object CODEC = UserEvents.class;

    private UserEvents() {}

    /** The frames that follow a diff, in order; empty when the diff changes nothing at the user level. */
    static List<WsFrame> after(HubMessage.Diff message) {
        return message.memo().get(CODEC, () -> render(message.diff(), message.viewer()));
    }

    private static List<WsFrame> render(PresenceDiff diff, Viewer viewer) {
        List<WsFrame> frames = new ArrayList<>(2);
        switch (diff.kind()) {
            case JOIN -> {
                if (viewer != null && viewer.tabs() == 1) {
                    frames.add(user("user_joined", diff));
                }
                frames.add(presenceUpdate(diff));
            }
            case UPDATE -> frames.add(presenceUpdate(diff));
            case LEAVE -> {
                if (viewer == null) {
                    frames.add(user("user_left", diff));
                }
            }
        }
        return List.copyOf(frames);
    }

    private static WsFrame user(String type, PresenceDiff diff) {
        TabPresence tab = diff.tab();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("user_id", tab.userId());
        json.put("user", tab.userName());
        json.put("resource_type", diff.ref().type());
        json.put("resource_id", diff.ref().id());
        json.put("timestamp", tab.lastSeen().toString());
        return new WsFrame(JsonSupport.write(json));
    }

    private static WsFrame presenceUpdate(PresenceDiff diff) {
        TabPresence tab = diff.tab();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", diff.ref().type());
        data.put("resource_id", diff.ref().id());
        data.put("action", tab.editing() ? "editing" : "viewing");
        data.put("timestamp", tab.lastSeen().toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "presence_update");
        json.put("user_id", tab.userId());
        json.put("user", tab.userName());
        json.put("data", data);
        return new WsFrame(JsonSupport.write(json));
    }
}
