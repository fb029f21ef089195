package io.presence.core.status;

import java.util.Objects;

/** One device of a user: a REST client by the {@code device_id} it sends, or a WebSocket connection. */
public record DeviceKey(UserRef user, String deviceId) {

    public DeviceKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
