package io.presence.core.limits;

import io.presence.core.errors.LimitExceededException;

/**
 * How much one client may hold, so that no client grows a node's heap or the store without bound
 * (docs/configuration.md, "Caps"). Each cap is checked where the thing would be added, before it is;
 * what a client already holds is never taken away. 0 turns a cap off.
 *
 * @param subscriptionsPerConnection records, types and the users subscription of one WebSocket
 *     connection (a {@code presence} on a record it does not watch subscribes it too)
 * @param tabsPerConnection the tabs one WebSocket connection is
 * @param tabsPerUserAndRecord the live tabs of one user on one record, REST and WebSocket together,
 *     across all nodes (the store counts them when a tab joins)
 * @param connectionsPerUser the WebSocket connections of one user of a tenant on one node
 */
public record Caps(
        int subscriptionsPerConnection, int tabsPerConnection, int tabsPerUserAndRecord, int connectionsPerUser) {

    /** No caps at all. */
    public static final Caps NONE = new Caps(0, 0, 0, 0);

    public Caps {
        if (subscriptionsPerConnection < 0
                || tabsPerConnection < 0
                || tabsPerUserAndRecord < 0
                || connectionsPerUser < 0) {
            throw new IllegalArgumentException("a cap is 0 (none) or more");
        }
    }

    /** Refuses a new subscription of a connection that has {@code held} already. */
    public void checkSubscriptions(int held) {
        check("subscriptions", subscriptionsPerConnection, held, "per connection");
    }

    /** Refuses a new tab of a connection that is {@code held} tabs already. */
    public void checkConnectionTabs(int held) {
        check("connection_tabs", tabsPerConnection, held, "tabs per connection");
    }

    /** Refuses a new connection of a user who has {@code held} on this node already. */
    public void checkUserConnections(int held) {
        check("user_connections", connectionsPerUser, held, "connections per user on a node");
    }

    /** What a store throws for a tab that would be a user's tab beyond {@code max} on a record. */
    public static LimitExceededException userTabsExceeded(int max) {
        return new LimitExceededException("user_tabs", max, "tabs per user on a record");
    }

    private static void check(String limit, int max, int held, String scope) {
        if (max > 0 && held >= max) {
            throw new LimitExceededException(limit, max, scope);
        }
    }
}
