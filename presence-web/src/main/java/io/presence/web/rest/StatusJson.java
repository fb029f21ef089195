package io.presence.web.rest;

import io.presence.core.status.UserPresence;
import io.presence.core.status.UserStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The product's wire form of users' status and typing, shared by REST and WebSocket. */
public final class StatusJson {

    private StatusJson() {}

    /** A user as a requester sees them: status, last seen, and the typing they share. */
    public static Map<String, Object> user(UserPresence user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", user.userId());
        json.put("status", user.status().wireName());
        json.put("last_seen", user.lastSeen().toString());
        json.put("is_typing", user.typing());
        json.put("typing_in", user.typingIn());
        return json;
    }

    public static List<Map<String, Object>> users(List<UserPresence> users) {
        return users.stream().map(StatusJson::user).toList();
    }

    /** A user's status after a change or a report: id, status, last seen. */
    public static Map<String, Object> status(UserStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", status.userId());
        json.put("status", status.status().wireName());
        json.put("last_seen", status.lastSeen().toString());
        return json;
    }
}
