package io.presence.core.status;

import java.util.Objects;

/**
 * One user of one tenant: the scope of a status, its devices and its typing. The same user id in two
 * tenants is two users who share nothing.
 */
public record UserRef(String tenant, String userId) {

    public UserRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
    }
}
