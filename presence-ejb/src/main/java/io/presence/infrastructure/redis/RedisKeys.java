package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;
import io.presence.core.limits.RateKey;

/**
 * Builds every Redis key and channel name Presence uses. All keys of one record carry the hash tag
 * {@code {tenant:type:id}} so that they live in one Redis Cluster slot and one script may touch them.
 */
final class RedisKeys {

    /**
     * The sorted set of every record that has tabs, scored by a time at or before the expiry of its
     * earliest tab, read by the sweepers of all nodes. One member per record rather than per tab: a
     * heartbeat can only lower the score ({@code ZADD LT}), so the sweeper, when a record comes due
     * with nothing expired, moves it to its earliest expiry.
     */
    static final String EXPIRY_INDEX = "presence:record-expiries";
    /**
     * The stale records of every tenant, scored by when their stale flag lapses: seed 002's gauge of
     * stale entities counts the members scored after now.
     */
    static final String STALE_INDEX = "presence:stale-records";
    /** The pub/sub channel every diff is published on. */
    static final String DIFF_CHANNEL = "presence:tab-diffs";
    /** The pub/sub channel of users' status changes. */
    static final String STATUS_CHANNEL = "presence:user-status";
    /** The pub/sub channel of records whose visibility may have changed ({@link RedisAccessChanges}). */
    static final String ACCESS_CHANNEL = "presence:access-changes";
    /** The pub/sub channel of typing starts and stops. */
    static final String TYPING_CHANNEL = "presence:typing";
    /**
     * Every device of every tenant, "tenant US user US device", scored by its expiry (a report or
     * refresh sets the score): the sweepers of all nodes read the due ones.
     */
    static final String DEVICE_EXPIRIES = "presence:device-expiries";
    /** Every typing, "tenant US user US conversation", scored by when it lapses. */
    static final String TYPING_EXPIRIES = "presence:typing-expiries";
    /** The field of a record's hash that holds its diff sequence number; no tab id can be {@code #}. */
    static final String SEQ_FIELD = "#";

    private RedisKeys() {}

    /**
     * The record's hash: one field per tab (tab id to {@link TabCodec encoded tab}) and the sequence
     * number of its latest diff in {@link #SEQ_FIELD}.
     */
    static String record(ResourceRef ref) {
        return "presence:{" + ref + "}:record";
    }

    /**
     * The record's state: its locks, fencing counters, lifecycle (stale flag, version) and recent
     * lifecycle event ids; the fields are described in {@code lua/lib/record_state.lua}.
     */
    static String state(ResourceRef ref) {
        return "presence:{" + ref + "}:state";
    }

    /**
     * A tab closed with its page: holds the owner prefix for a while, so that a heartbeat the page sent
     * before it went away cannot bring the tab back. In the record's hash slot, as the scripts need.
     */
    static String closedTab(ResourceRef ref, String tabId) {
        return "presence:{" + ref + "}:closed:" + tabId;
    }

    /** The set of the record's participants (user ids), registered by the domain application. */
    static String participants(ResourceRef ref) {
        return "presence:{" + ref + "}:participants";
    }

    /**
     * The records of one type in one tenant that have tabs: a sorted set of record ids scored by the
     * latest expiry of any of their tabs, so that a type snapshot reads only live records.
     */
    static String typeIndex(String tenant, String type) {
        return "presence:{" + tenant + ":" + type + "}:active";
    }

    /** The tabs one node holds (index members), rewritten by every refresh of the node. */
    static String nodeTabs(String node) {
        return "presence:node:{" + node + "}:tabs";
    }

    /** The member of one tab in its node's tab set: the record reference and the tab id. */
    static String nodeTabMember(ResourceRef ref, String tabId) {
        return ref.toString() + TabCodec.SEPARATOR + tabId;
    }

    /**
     * A client's allowance under one rate limit (its theoretical arrival time, {@code rate_limit.lua}),
     * e.g. {@code presence:rate:{acme:u1}:api}; it expires once the allowance is full again.
     */
    static String rate(RateKey key) {
        return "presence:rate:{" + key.tenant() + ":" + key.userId() + "}:" + key.scope();
    }

    /** Parses {@code tenant:type:id}, as written by {@link ResourceRef#toString()}. */
    static ResourceRef parseRef(String value) {
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a record reference: " + value);
        }
        return new ResourceRef(parts[0], parts[1], parts[2]);
    }

    /** A user's status hash: devices, aggregate, version, last seen (see {@code lua/lib/user_status.lua}). */
    static String userStatus(String tenant, String userId) {
        return "presence:user:{" + tenant + ":" + userId + "}:status";
    }

    /** A user's typing: conversation id to the epoch ms it lapses at. */
    static String userTyping(String tenant, String userId) {
        return "presence:user:{" + tenant + ":" + userId + "}:typing";
    }

    /** The tenant's known users, scored by when each last reported or was refreshed. */
    static String recentUsers(String tenant) {
        return "presence:users:{" + tenant + "}:recent";
    }

    /** The devices one node holds (index members), rewritten by every refresh of the node. */
    static String nodeDevices(String node) {
        return "presence:node:{" + node + "}:devices";
    }

    /** "a US b US c": the member of an expiry index (ids hold no control character). */
    static String member(String... parts) {
        return String.join(String.valueOf(TabCodec.SEPARATOR), parts);
    }

    /** The parts of a {@link #member}. */
    static String[] parts(String member) {
        return member.split(String.valueOf(TabCodec.SEPARATOR), 3);
    }
}
