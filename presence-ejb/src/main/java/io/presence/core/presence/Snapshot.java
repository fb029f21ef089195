package io.presence.core.presence;

import io.presence.api.model.TabPresence;
import io.presence.core.records.RecordState;
import java.util.List;

/**
 * A record's live tabs, locks and lifecycle, and the sequence number of the last diff they include;
 * diffs with a higher sequence number follow it.
 */
public record Snapshot(long seq, List<TabPresence> tabs, RecordState state) {

    public Snapshot {
        tabs = List.copyOf(tabs);
        state = state == null ? RecordState.EMPTY : state;
    }

    /** A snapshot of tabs alone (a record without locks or lifecycle). */
    public Snapshot(long seq, List<TabPresence> tabs) {
        this(seq, tabs, RecordState.EMPTY);
    }
}
