package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.core.metrics.RecordingCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of message the hub can deliver is counted, so a new kind cannot break delivery. */
class HubMetricsTest {

    @Test
    void everyMessageKindHasItsDeliveryCounter() {
        HubMetrics metrics = new HubMetrics(new RecordingCounters(), () -> HubMetrics.Census.of(List.of()));
        for (Class<?> kind : HubMessage.class.getPermittedSubclasses()) {
            assertTrue(metrics.counts(kind), kind.getSimpleName() + " deliveries are not counted");
        }
    }
}
