package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;

/**
 * Builds every Redis key and channel name Presence uses. All keys of one record carry the hash tag
 * {@code {tenant:type:id}} so that they live in one Redis Cluster slot and one script may touch them.
 */
final class RedisKeys {

    /** The sorted set of all tabs by expiry time, read by the sweepers of all nodes. */
    static final String EXPIRY_INDEX = "presence:expiries";
    /** The pub/sub channel every diff is published on. */
    static final String DIFF_CHANNEL = "presence:diffs";

    private RedisKeys() {}

    static String tabs(ResourceRef ref) {
        return "presence:{" + ref + "}:tabs";
    }

    /** The set of the record's participants (user ids), registered by the domain application. */
    static String participants(ResourceRef ref) {
        return "presence:{" + ref + "}:participants";
    }

    static String seq(ResourceRef ref) {
        return "presence:{" + ref + "}:seq";
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

    /** The expiry-index member of one tab: the record reference and the tab id. */
    static String indexMember(ResourceRef ref, String tabId) {
        return ref.toString() + TabCodec.SEPARATOR + tabId;
    }

    /** Parses {@code tenant:type:id}, as written by {@link ResourceRef#toString()}. */
    static ResourceRef parseRef(String value) {
        String[] parts = value.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a record reference: " + value);
        }
        return new ResourceRef(parts[0], parts[1], parts[2]);
    }
}
