package io.presence.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where users' devices and statuses live: in this process ({@code presence.store=memory}) or in Redis,
 * shared by all nodes.
 *
 * <p>Contract, verified by one suite on every implementation:
 * <ul>
 *   <li>each operation is atomic per user; a change of the aggregate status bumps the user's version by
 *       one and emits one {@link StatusChanged}, which reaches every registered listener once, in
 *       version order per user;
 *   <li>the rate limit of {@link #report} holds across nodes: of two reports of one user within the
 *       minimum interval, one is refused, whichever nodes they came from;
 *   <li>a device lives until its expiry; reads leave out expired devices (and the aggregate follows)
 *       even before {@link #sweep} removed them, and the sweep emits the change;
 *   <li>a user stays known (readable, listed) for the store's retention after they were last seen.
 * </ul>
 * Infrastructure failures surface as {@link io.presence.core.errors.StoreUnavailableException}.
 */
public interface StatusStore extends AutoCloseable {

    /**
     * A device reports {@code status} ({@link Status#OFFLINE} removes the device), living until
     * {@code expiresAt}; a report counts as the user being seen at {@code now}.
     *
     * @param node the node that holds the device (a WebSocket connection's), or empty for a REST device
     * @param minInterval the least time since the user's previous limited report; {@link Duration#ZERO}
     *     for a report that is not limited and does not count as one (a node re-joining a device). A
     *     node-held device that repeats the status it has (a reconnect taking it over) resumes it: such a
     *     report is neither limited nor counted either.
     */
    Report report(
            UserRef user,
            String deviceId,
            Status status,
            String node,
            Instant expiresAt,
            Instant now,
            Duration minInterval);

    /**
     * Moves the expiry of devices that {@code node} holds to {@code expiresAt} (the user is seen at
     * {@code now}), in one round trip whatever their number, without a change, and records them as the
     * node's devices for {@link #clearNode}.
     *
     * @return the devices that are gone or that another node holds now
     */
    Set<DeviceKey> refresh(String node, Collection<DeviceKey> devices, Instant expiresAt, Instant now);

    /** Removes a device if {@code node} still holds it; the user is seen at {@code now}. */
    boolean release(DeviceKey device, String node, Instant now);

    /** Removes every device an earlier run of {@code node} left; called once as a node starts. */
    int clearNode(String node, Instant now);

    /**
     * Removes about {@code limit} devices that expired by {@code now}, emitting the changes of status
     * that follow; a device's last report is its user's last-seen time.
     *
     * @return how many devices this call removed
     */
    int sweep(Instant now, int limit);

    /** The known users among {@code userIds}, by id; unknown ones are left out. */
    Map<String, UserStatus> statuses(String tenant, Collection<String> userIds, Instant now);

    /** The ids of at most {@code limit} known users of the tenant, most recently seen first. */
    List<String> recentUsers(String tenant, int limit, Instant now);

    /** Registers a listener for the status changes of every user, from any node. */
    void addStatusListener(Consumer<StatusChanged> listener);

    @Override
    void close();

    /**
     * What {@link #report} did.
     *
     * @param status the user's status after the report; null when it was refused
     * @param retryAfter when refused, how long until a report would be accepted; zero otherwise
     */
    record Report(UserStatus status, Duration retryAfter) {

        public static Report refused(Duration retryAfter) {
            return new Report(null, retryAfter);
        }

        public boolean accepted() {
            return status != null;
        }
    }
}
