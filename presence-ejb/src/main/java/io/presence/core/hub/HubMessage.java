package io.presence.core.hub;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.Viewer;
import io.presence.core.events.ResourceEvent;
import io.presence.core.records.StateDiff;
import io.presence.core.status.TypingChanged;
import io.presence.core.status.UserPresence;
import io.presence.core.status.UserStatus;
import java.util.List;
import java.util.Map;

/**
 * What the hub sends a {@link Subscriber}; the transport renders it in its wire protocol. Messages that
 * go to many subscribers carry a {@link Memo}, so that their encoding is made once.
 */
public sealed interface HubMessage {

    /**
     * A record's state, to one subscriber: right after it subscribed, or instead of diffs it missed.
     *
     * @param view the record's state (shared by every subscriber that gets the same state)
     * @param currentUserId the recipient's user id
     * @param correlationId the client's correlation value of the request this answers; null if none
     */
    record RecordSnapshot(RoomView view, String currentUserId, Object correlationId) implements HubMessage {}

    /**
     * The records of one type that have tabs and the recipient may see (a list page's first state).
     *
     * @param type the resource type
     * @param records each record's state, in no particular order
     */
    record TypeSnapshot(String type, Map<ResourceRef, RoomView> records, String currentUserId, Object correlationId)
            implements HubMessage {}

    /**
     * One change of a record's presence.
     *
     * @param diff the change
     * @param viewer the user's aggregate after it; null once the user's last tab left
     * @param counts the record's totals after it, only for rooms larger than the snapshot's viewer limit
     *     (whose snapshots list only part of the viewers); null otherwise
     */
    record Diff(PresenceDiff diff, Viewer viewer, RoomCounts counts, Memo memo) implements HubMessage {}

    /** One change of a record's locks or lifecycle, numbered in the same series as its diffs. */
    record StateChange(StateDiff diff, Memo memo) implements HubMessage {}

    /**
     * The recipient may no longer see a record it watched (its participants or its plugin's rules
     * changed): its record subscription ended, or the record left its type subscription's list. Nothing
     * more of the record follows.
     *
     * @param ref the record
     * @param subscribed whether the recipient had subscribed to the record itself (not only its type)
     */
    record AccessRevoked(ResourceRef ref, boolean subscribed) implements HubMessage {}

    /** A resource event of a record the recipient watches (directly or through its type). */
    record Event(ResourceEvent event, Memo memo) implements HubMessage {}

    /**
     * The users of the recipient's tenant it may see (or those of them it named), right after it
     * subscribed to users: most recently seen first, at most the query limit.
     *
     * @param users each user with the typing the recipient shares
     * @param truncated whether visible users were left out beyond the limit
     */
    record UserSnapshot(List<UserPresence> users, boolean truncated, String currentUserId, Object correlationId)
            implements HubMessage {}

    /** A user's status changed (the new aggregate, its version and last-seen time). */
    record UserStatusChange(UserStatus status, Memo memo) implements HubMessage {}

    /**
     * Several status changes of a large users room, in order, for a recipient that gets every one of
     * them: encoded once for the whole room (its own memo) and written as one buffer of consecutive
     * messages, the same bytes as the changes sent one by one.
     */
    record UserStatusBatch(List<UserStatusChange> changes, Memo memo) implements HubMessage {}

    /** A user started or stopped typing in a conversation the recipient takes part in. */
    record TypingChange(TypingChanged change, Memo memo) implements HubMessage {}
}
