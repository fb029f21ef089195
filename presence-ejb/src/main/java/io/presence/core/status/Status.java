package io.presence.core.status;

import io.presence.core.errors.InvalidInputException;
import java.util.Collection;
import java.util.Locale;

/**
 * A user's status, or what one of their devices reports. The user's status is the aggregate of their
 * devices' ({@link #aggregate}); a device that reports {@link #OFFLINE} is removed rather than kept.
 */
public enum Status {
    ONLINE,
    AWAY,
    OFFLINE;

    /** The name on the wire: {@code online}, {@code away}, {@code offline}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a client named in {@code field}; anything but the three names is a 422 naming the field. */
    public static Status parse(String field, String value) {
        if (value != null) {
            for (Status status : values()) {
                if (status.wireName().equals(value)) {
                    return status;
                }
            }
        }
        throw new InvalidInputException(field, "must be 'online', 'away' or 'offline'");
    }

    /** Online if any device is online, away if there are devices and all are away, offline with none. */
    public static Status aggregate(Collection<Status> devices) {
        if (devices.contains(ONLINE)) {
            return ONLINE;
        }
        return devices.contains(AWAY) ? AWAY : OFFLINE;
    }
}
