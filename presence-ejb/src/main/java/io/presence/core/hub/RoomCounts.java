package io.presence.core.hub;

/**
 * How many are on a record, without listing them: what a large room's snapshot and diffs carry beside
 * their first viewers, and what a stats query answers.
 *
 * @param viewers distinct users with at least one tab
 * @param tabs live tabs
 * @param editors users with at least one tab in edit mode or with unsaved changes
 */
public record RoomCounts(int viewers, int tabs, int editors) {}
