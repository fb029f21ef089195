package io.presence.core.presence;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where tabs live: in this process ({@code presence.store=memory}) or in Redis, shared by all nodes.
 *
 * <p>Contract, verified by one suite on every implementation:
 * <ul>
 *   <li>each operation is atomic per record and assigns diffs consecutive sequence numbers;
 *   <li>every diff reaches every registered listener once, in sequence order per record;
 *   <li>reads leave out tabs whose {@link TabPresence#expiresAt()} has passed;
 *   <li>a tab belongs to the user who created it: another user's heartbeat or leave for it fails
 *       with {@link io.presence.core.errors.TabOwnedByOtherUserException}.
 * </ul>
 * Infrastructure failures surface as {@link io.presence.core.errors.StoreUnavailableException}.
 */
public interface PresenceStore extends AutoCloseable {

    /** Creates or refreshes a tab; says whether it joined, changed or only refreshed its expiry. */
    default HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab) {
        return heartbeat(ref, tab, 0);
    }

    /**
     * {@link #heartbeat(ResourceRef, TabPresence)}, refusing a new tab with {@link
     * io.presence.core.limits.Caps#userTabsExceeded} when its user already has {@code maxUserTabs} live
     * tabs on the record (0: no cap). An existing tab is refreshed and updated whatever the count.
     */
    HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab, int maxUserTabs);

    /**
     * Removes the tab if {@code userId} owns it, emitting a leave diff with {@code reason}.
     *
     * @return true if a tab was removed, false if there was none
     */
    boolean leave(ResourceRef ref, String tabId, String userId, String reason);

    /**
     * {@link #leave} with reason {@code unregister}, for a tab whose page went away: for
     * {@code closedFor} afterwards the tab stays closed to its owner, and a heartbeat for it (one the
     * page sent before it went away, arriving late) fails with
     * {@link io.presence.core.errors.TabClosedException} instead of bringing it back. The tab is closed
     * even when it is not there yet (the close overtook the page's first heartbeat).
     *
     * @return true if a tab was removed, false if there was none
     */
    boolean close(ResourceRef ref, String tabId, String userId, Duration closedFor);

    /** The record's live tabs and the sequence number of its latest diff, read atomically. */
    Snapshot snapshot(ResourceRef ref, Instant now);

    /**
     * Removes about {@code limit} tabs that expired at or before {@code now} (an implementation may
     * finish the record it is on), emitting a leave diff (reason {@code expired}) for each.
     *
     * @return how many tabs this call removed; less than {@code limit} when no more were due
     */
    int sweep(Instant now, int limit);

    /**
     * Moves the expiry of tabs that {@code node} holds (WebSocket tabs) to {@code expiresAt} without a
     * diff, in one round trip whatever their number, and records them as the node's tabs so that a later
     * run of the node can {@link #clearNode clear} them. The record's entry in its type's index moves too.
     *
     * @return the tabs that were not refreshed because they are gone or another node holds them now
     */
    Set<TabKey> refresh(String node, Collection<TabKey> tabs, Instant expiresAt);

    /**
     * Removes a tab only if {@code node} still holds it, emitting a leave diff with {@code reason}. A tab
     * that reconnected to another node meanwhile stays.
     *
     * @return true if the tab was removed
     */
    boolean release(TabKey tab, String node, String reason);

    /**
     * Removes every tab that an earlier run of {@code node} left behind (reason {@code closed}); called
     * once when a node starts, before it accepts connections.
     *
     * @return how many tabs were removed
     */
    int clearNode(String node);

    /**
     * The records of one type in one tenant that have live tabs, each with its snapshot, at most
     * {@code limit} of them (those with the latest activity first is not guaranteed).
     */
    Map<ResourceRef, Snapshot> activeRecords(String tenant, String type, Instant now, int limit);

    /** Registers a listener for the diffs of all records, from any node. */
    void addDiffListener(Consumer<PresenceDiff> listener);

    /** Cheap liveness probe of the backing infrastructure. */
    boolean isAvailable();

    @Override
    void close();
}
