package io.presence.core.presence;

import io.presence.api.model.Viewer;
import java.util.List;

/** The users on a record as the caller sees them, the caller's own id, and the snapshot's sequence. */
public record RecordViewers(List<Viewer> viewers, String currentUserId, long seq) {

    public RecordViewers {
        viewers = List.copyOf(viewers);
    }
}
