package io.presence.core.presence;

import io.presence.api.model.Mode;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.json.JsonFields;
import jakarta.json.JsonObject;

/** What a tab reports in a heartbeat; who sends it comes from the token, never from here. */
public record HeartbeatCommand(String tabId, Mode mode, boolean dirty, String activeField) {

    /**
     * The tab fields of a heartbeat, the same over REST and WebSocket: {@code tab_id}, {@code mode}
     * ({@code view} by default; {@code action} {@code viewing}/{@code editing} is accepted in its place),
     * {@code dirty} and {@code active_field}. Without a {@code tab_id}, {@code defaultTabId} is the tab
     * (a WebSocket connection that is itself the tab); when that is null too, {@code tab_id} is required.
     * The values are validated by the presence service.
     */
    public static HeartbeatCommand fromJson(JsonObject json, String defaultTabId) {
        String modeName = JsonFields.optionalString(json, "mode")
                .orElseGet(
                        () -> switch (JsonFields.optionalString(json, "action").orElse("viewing")) {
                            case "viewing" -> "view";
                            case "editing" -> "edit";
                            default -> throw new InvalidInputException("action", "must be 'viewing' or 'editing'");
                        });
        Mode mode = Mode.fromWire(modeName)
                .orElseThrow(() -> new InvalidInputException("mode", "must be 'view' or 'edit'"));
        String tabId = defaultTabId == null
                ? JsonFields.requiredString(json, "tab_id")
                : JsonFields.optionalString(json, "tab_id").orElse(defaultTabId);
        return new HeartbeatCommand(
                tabId,
                mode,
                JsonFields.optionalBoolean(json, "dirty", false),
                JsonFields.optionalString(json, "active_field").orElse(null));
    }
}
