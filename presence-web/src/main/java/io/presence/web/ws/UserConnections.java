package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.core.config.LimitSettings;
import io.presence.core.status.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many WebSocket connections each user holds on this node, on every endpoint together ({@code
 * /api/v1/ws} and the seeds' sockets), for {@code presence.limits.user-connections}.
 */
@ApplicationScoped
public class UserConnections {

    @Inject
    LimitSettings limits;

    private final Map<UserRef, Integer> held = new ConcurrentHashMap<>();

    /**
     * Counts a new connection of the caller; refuses it with {@link
     * io.presence.core.errors.LimitExceededException} when the user holds the most allowed already.
     */
    public void opened(Caller caller) {
        held.compute(user(caller), (user, count) -> {
            int before = count == null ? 0 : count;
            limits.caps().checkUserConnections(before);
            return before + 1;
        });
    }

    /** A connection counted by {@link #opened} has closed. */
    public void closed(Caller caller) {
        held.computeIfPresent(user(caller), (user, count) -> count > 1 ? count - 1 : null);
    }

    private static UserRef user(Caller caller) {
        return new UserRef(caller.tenant(), caller.userId());
    }
}
