package io.presence.core.presence;

import io.presence.api.model.TabPresence;
import java.util.List;

/**
 * A record's live tabs and the sequence number of the last diff they include; diffs with a higher
 * sequence number follow it.
 */
public record Snapshot(long seq, List<TabPresence> tabs) {

    public Snapshot {
        tabs = List.copyOf(tabs);
    }
}
