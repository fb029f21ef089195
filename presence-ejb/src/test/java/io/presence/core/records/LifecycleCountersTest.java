package io.presence.core.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleCountersTest {

    @Test
    void eachTopicCountsItsOwnRecordsFromZero() {
        LifecycleCounters counters = new LifecycleCounters();
        assertEquals(0, counters.consumed("core.entities.lifecycle.mutated"));
        counters.countConsumed("core.entities.lifecycle.mutated");
        counters.countConsumed("core.entities.lifecycle.mutated");
        counters.countConsumed("core.entities.lifecycle.mutating");
        counters.countDeadLettered("core.entities.lifecycle.mutating");
        assertEquals(
                Map.of("core.entities.lifecycle.mutated", 2L, "core.entities.lifecycle.mutating", 1L),
                counters.consumedByTopic());
        assertEquals(Map.of("core.entities.lifecycle.mutating", 1L), counters.deadLetteredByTopic());
        assertEquals(0, counters.deadLettered("core.entities.lifecycle.mutated"));
    }

    @Test
    void countsReachTheMetricsUnderSeed002sNamesWithTheDeadLetterTopic() {
        List<String> seen = new ArrayList<>();
        LifecycleCounters counters = new LifecycleCounters();
        counters.metrics = (name, tags) -> seen.add(name + tags);
        counters.countConsumed("core.entities.lifecycle.mutating");
        counters.countDeadLettered("core.entities.lifecycle.mutating");
        assertEquals(
                List.of(
                        "kafka_consumer_records_consumed{topic=core.entities.lifecycle.mutating}",
                        "kafka_consumer_records_consumed{topic=core.entities.lifecycle.mutating.dlt}"),
                seen);
    }
}
