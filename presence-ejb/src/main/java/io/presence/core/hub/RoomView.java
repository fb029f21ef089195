package io.presence.core.hub;

import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.api.model.Viewer;
import io.presence.core.records.RecordState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A record's presence at sequence number {@code seq}, as snapshots show it: its viewers (at most the
 * configured limit, freshest first) and their tabs, with the totals. When {@code truncated}, viewers
 * beyond the limit are left out of both lists and only counted. {@code state} holds the record's locks
 * and lifecycle at the same sequence number.
 */
public record RoomView(
        ResourceRef ref,
        long seq,
        List<Viewer> viewers,
        List<TabPresence> tabs,
        RoomCounts counts,
        boolean truncated,
        RecordState state,
        Memo memo) {

    public RoomView {
        viewers = List.copyOf(viewers);
        tabs = List.copyOf(tabs);
    }

    /** The view of {@code tabs} listing at most {@code limit} viewers. */
    public static RoomView of(ResourceRef ref, long seq, List<TabPresence> tabs, RecordState state, int limit) {
        List<Viewer> all = Viewer.aggregate(tabs);
        int editors = (int) all.stream().filter(v -> v.mode() == Mode.EDIT).count();
        RoomCounts counts = new RoomCounts(all.size(), tabs.size(), editors);
        if (all.size() <= limit) {
            return new RoomView(ref, seq, all, tabs, counts, false, state, new Memo());
        }
        List<Viewer> listed = all.subList(0, limit);
        Set<String> users = new HashSet<>();
        listed.forEach(v -> users.add(v.userId()));
        List<TabPresence> listedTabs =
                tabs.stream().filter(tab -> users.contains(tab.userId())).toList();
        return new RoomView(ref, seq, listed, listedTabs, counts, true, state, new Memo());
    }
}
