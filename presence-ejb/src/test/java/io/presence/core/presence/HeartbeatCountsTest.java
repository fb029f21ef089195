package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.metrics.RecordingCounters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatCountsTest {

    private final RecordingCounters metrics = new RecordingCounters();
    private final HeartbeatCounts counts = new HeartbeatCounts(metrics);

    @Test
    void outcomesAreCountedPerChannel() {
        counts.counted(true, HeartbeatOutcome.JOINED);
        counts.counted(true, HeartbeatOutcome.REFRESHED);
        counts.counted(true, HeartbeatOutcome.REFRESHED);
        counts.counted(false, HeartbeatOutcome.UPDATED);

        assertEquals(1, count("rest", "joined"));
        assertEquals(2, count("rest", "refreshed"));
        assertEquals(0, count("rest", "updated"));
        assertEquals(1, count("websocket", "updated"));
    }

    @Test
    void storeFailureIsToldApartFromARefusal() {
        counts.refused(true, new ForbiddenException("forbidden", "not yours"));
        counts.refused(false, new StoreUnavailableException("Redis is unavailable", null));

        assertEquals(1, count("rest", "refused"));
        assertEquals(0, count("rest", "store_unavailable"));
        assertEquals(1, count("websocket", "store_unavailable"));
    }

    private long count(String channel, String outcome) {
        return metrics.count(HeartbeatCounts.HEARTBEATS, Map.of("channel", channel, "outcome", outcome));
    }
}
