package io.presence.api.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One user looking at a record, aggregated over all of that user's tabs: what the "who's viewing"
 * avatars show.
 *
 * @param userId the user's id (the token's {@code sub})
 * @param userName the display name from the user's most recent tab
 * @param tabs how many tabs of this user have the record open
 * @param hasDirtyTab true if any tab holds unsaved changes
 * @param mode {@link Mode#EDIT} if any tab edits or is dirty, else {@link Mode#VIEW}
 * @param activeFields the fields the user's tabs are in, sorted, without duplicates
 * @param lastSeen the latest heartbeat of any of the tabs
 */
public record Viewer(
        String userId,
        String userName,
        int tabs,
        boolean hasDirtyTab,
        Mode mode,
        List<String> activeFields,
        Instant lastSeen) {

    public Viewer {
        activeFields = List.copyOf(activeFields);
    }

    /**
     * Aggregates tabs into viewers, one per user, ordered by first appearance in {@code tabs} after
     * sorting by last seen (most recent first) so that the freshest activity comes first.
     */
    public static List<Viewer> aggregate(List<TabPresence> tabs) {
        List<TabPresence> sorted = new ArrayList<>(tabs);
        sorted.sort(Comparator.comparing(TabPresence::lastSeen).reversed().thenComparing(TabPresence::tabId));
        Map<String, List<TabPresence>> byUser = new LinkedHashMap<>();
        for (TabPresence tab : sorted) {
            byUser.computeIfAbsent(tab.userId(), id -> new ArrayList<>()).add(tab);
        }
        List<Viewer> viewers = new ArrayList<>(byUser.size());
        byUser.forEach((userId, userTabs) -> viewers.add(of(userId, userTabs)));
        return viewers;
    }

    /** The viewer made of one user's tabs; {@code userTabs} must not be empty. */
    public static Viewer of(String userId, List<TabPresence> userTabs) {
        TabPresence latest = userTabs.get(0);
        boolean dirty = false;
        boolean editing = false;
        SortedSet<String> fields = new TreeSet<>();
        for (TabPresence tab : userTabs) {
            dirty |= tab.dirty();
            editing |= tab.editing();
            if (tab.activeField() != null) {
                fields.add(tab.activeField());
            }
            if (tab.lastSeen().isAfter(latest.lastSeen())) {
                latest = tab;
            }
        }
        return new Viewer(
                userId,
                latest.userName(),
                userTabs.size(),
                dirty,
                editing ? Mode.EDIT : Mode.VIEW,
                new ArrayList<>(fields),
                latest.lastSeen());
    }
}
