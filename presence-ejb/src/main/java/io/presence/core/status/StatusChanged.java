package io.presence.core.status;

/** A user's aggregate status changed; {@code status} is the new one, with its version and last-seen time. */
public record StatusChanged(String tenant, UserStatus status) {

    public UserRef user() {
        return new UserRef(tenant, status.userId());
    }
}
