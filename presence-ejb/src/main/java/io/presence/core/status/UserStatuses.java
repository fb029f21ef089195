package io.presence.core.status;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.StatusSettings;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.errors.RateLimitedException;
import io.presence.core.participants.ConversationParticipants;
import io.presence.core.presence.Inputs;
import io.presence.core.presence.ResourceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users' status for every transport: a device reports (rate limited per user), a requester looks users
 * up (only those it may see, with the typing it shares). Docs: docs/protocol.md, "User status and
 * typing".
 */
@ApplicationScoped
public class UserStatuses {

    /** The most ids one query may name, and the most users one answer lists. */
    public static final int MAX_USERS = 1_000;
    /** How many of a tenant's most recently seen users a query without ids looks through. */
    public static final int SCANNED_USERS = 10_000;
    /** The device of a REST client that names none. */
    public static final String DEFAULT_DEVICE = "default";

    @Inject
    StatusStore store;

    @Inject
    TypingStore typing;

    @Inject
    UserVisibility visibility;

    @Inject
    ResourceAccess access;

    @Inject
    StatusSettings settings;

    /** A REST device's report ({@code device_id} null: the default device); 422 for an unknown status. */
    public UserStatus report(Caller caller, String deviceId, String status) {
        Status parsed = Status.parse("status", status);
        return report(caller, deviceId == null ? DEFAULT_DEVICE : deviceId, parsed, "", true);
    }

    /**
     * A device's report; {@code node} is the node that holds it (empty for REST). A limited report
     * within the minimum interval of the user's previous one is refused with 429.
     */
    public UserStatus report(Caller caller, String deviceId, Status status, String node, boolean limited) {
        Inputs.deviceId(deviceId);
        Instant now = Instant.now();
        Duration interval = limited ? settings.minInterval() : Duration.ZERO;
        StatusStore.Report report = store.report(
                new UserRef(caller.tenant(), caller.userId()),
                deviceId,
                status,
                node,
                now.plus(settings.timeout()),
                now,
                interval);
        if (!report.accepted()) {
            throw new RateLimitedException(
                    "status", "at most one report every " + readable(interval), report.retryAfter());
        }
        return report.status();
    }

    /** One user as the viewer sees them; 404 when unknown or not visible (the same answer). */
    public UserPresence user(Caller viewer, String userId) {
        Inputs.userId("user_id", userId);
        List<UserPresence> found = users(viewer, List.of(userId));
        if (found.isEmpty()) {
            throw NotFoundException.user(userId);
        }
        return found.get(0);
    }

    /**
     * The users the viewer may see: of {@code userIds} (at most {@link #MAX_USERS}, in that order) the
     * known ones; without ids ({@code null}) the tenant's known users, most recently seen first, at most
     * {@link #MAX_USERS} of the {@link #SCANNED_USERS} seen last.
     */
    public List<UserPresence> users(Caller viewer, List<String> userIds) {
        Instant now = Instant.now();
        List<String> wanted = new ArrayList<>();
        if (userIds == null) {
            for (String id : store.recentUsers(viewer.tenant(), SCANNED_USERS, now)) {
                if (wanted.size() < MAX_USERS && visibility.canSee(viewer, id)) {
                    wanted.add(id);
                }
            }
        } else {
            validIds(userIds).stream()
                    .filter(id -> visibility.canSee(viewer, id))
                    .forEach(wanted::add);
        }
        Map<String, UserStatus> statuses = store.statuses(viewer.tenant(), wanted, now);
        Map<String, Map<String, Instant>> typingIn = typing.typingIn(viewer.tenant(), statuses.keySet(), now);
        List<UserPresence> users = new ArrayList<>(statuses.size());
        for (String id : wanted) {
            UserStatus status = statuses.get(id);
            if (status != null) {
                List<String> shared = typingIn.getOrDefault(id, Map.of()).keySet().stream()
                        .filter(conversation -> access.canSee(viewer, conversationRef(viewer, conversation)))
                        .sorted()
                        .toList();
                users.add(new UserPresence(id, status.status(), status.lastSeen(), shared));
            }
        }
        if (userIds == null) {
            users.sort((a, b) -> b.lastSeen().compareTo(a.lastSeen()));
        }
        return users;
    }

    /**
     * The ids of a query: at most {@link #MAX_USERS}, none empty, each storable; duplicates dropped.
     * 422 naming {@code user_ids} otherwise.
     */
    public static List<String> validIds(List<String> userIds) {
        if (userIds.size() > MAX_USERS) {
            throw new InvalidInputException(
                    "user_ids", "must name at most " + MAX_USERS + " users, not " + userIds.size());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : userIds) {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("user_ids", "must not contain an empty user id");
            }
            ids.add(Inputs.userId("user_ids", id.strip()));
        }
        return List.copyOf(ids);
    }

    /** A comma-separated query parameter as a list of ids; null (no parameter) stays null. */
    public static List<String> splitIds(String commaSeparated) {
        if (commaSeparated == null) {
            return null;
        }
        if (commaSeparated.isBlank()) {
            return List.of();
        }
        return List.of(commaSeparated.split(",", -1));
    }

    private static ResourceRef conversationRef(Caller viewer, String conversationId) {
        return new ResourceRef(viewer.tenant(), ConversationParticipants.TYPE, conversationId);
    }

    private static String readable(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }
}
