package io.presence.api.model;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated user on whose behalf a request runs, in the tenant it selected.
 *
 * @param userId the token's subject
 * @param name the display name (token claim {@code name}, else {@code preferred_username}, else the id)
 * @param tenant the tenant this request acts in; always one the token grants
 * @param groups the token's groups (roles), e.g. {@code presence-publisher}
 */
public record Caller(String userId, String name, String tenant, Set<String> groups) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenant, "tenant");
        groups = Set.copyOf(groups);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
