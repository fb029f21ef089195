package io.presence.core.hub;

import io.presence.api.model.Caller;
import io.presence.core.status.Status;
import io.presence.core.status.StatusStore;
import io.presence.core.status.TypingStore;
import io.presence.core.status.UserStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * What the hub needs for users' status and typing, handed to it by {@link HubWiring}.
 *
 * @param statuses the status store, whose changes the hub fans out
 * @param typing the typing store, whose starts and stops the hub fans out
 * @param visibility whether a caller may see a user of its tenant (the plugins' rule)
 * @param tenantWide true when no rule narrows {@code visibility}: every user of the tenant sees every
 *     other, so fan-out neither asks nor caches an answer per connection and user
 * @param writer reports a connection's device through the status service (validation, rate limit)
 * @param deviceTimeout how long a device lives without a refresh ({@code presence.status.timeout-seconds});
 *     the node refreshes its connections' devices every third of it
 */
public record UserPorts(
        StatusStore statuses,
        TypingStore typing,
        BiPredicate<Caller, String> visibility,
        boolean tenantWide,
        DeviceWriter writer,
        Duration deviceTimeout) {

    /** Reports a node-held device's status; {@code limited} is false for a node re-joining it. */
    @FunctionalInterface
    public interface DeviceWriter {
        UserStatus report(Caller caller, String deviceId, Status status, String node, boolean limited);
    }

    public UserPorts {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(typing, "typing");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(deviceTimeout, "deviceTimeout");
    }
}
