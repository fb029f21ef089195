package io.presence.infrastructure.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionRetriesTest {

    private static final TopicPartition P0 = new TopicPartition("core.entities.lifecycle.mutating", 0);
    private static final TopicPartition P1 = new TopicPartition("core.entities.lifecycle.mutating", 1);
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final PartitionRetries retries =
            new PartitionRetries(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(9)));

    @Test
    void aFailingRecordIsRetriedAfterOneThreeAndNineSecondsThenGivenUp() {
        assertEquals(Optional.of(T0.plusSeconds(1)), retries.failed(P0, 7, T0));
        assertEquals(Optional.of(T0.plusSeconds(4)), retries.failed(P0, 7, T0.plusSeconds(1)));
        assertEquals(Optional.of(T0.plusSeconds(13)), retries.failed(P0, 7, T0.plusSeconds(4)));
        assertEquals(Optional.empty(), retries.failed(P0, 7, T0.plusSeconds(13)), "the fourth failure gives up");
        assertEquals(
                List.of(T0, T0.plusSeconds(1), T0.plusSeconds(4), T0.plusSeconds(13)),
                retries.attempts(P0),
                "the dead letter's attempt times");
    }

    @Test
    void aPartitionIsDueOnceItsWaitIsOverAndTheOthersDoNotWait() {
        retries.failed(P0, 7, T0);
        assertEquals(Optional.of(T0.plusSeconds(1)), retries.nextDue());
        assertEquals(List.of(), retries.due(T0.plusMillis(999)));
        assertEquals(List.of(P0), retries.due(T0.plusSeconds(1)));
        assertEquals(List.of(), retries.due(T0.plusSeconds(2)), "due once per wait");
        assertEquals(Optional.empty(), retries.nextDue());
        assertEquals(List.of(), retries.attempts(P1));
    }

    @Test
    void anUnavailableStoreBacksOffWithoutUsingUpTheRetries() {
        Instant now = T0;
        for (long expected : new long[] {100, 200, 400, 800, 1600, 3200, 5000, 5000}) {
            assertEquals(now.plusMillis(expected), retries.unavailable(P0, 7, now));
        }
        assertEquals(List.of(), retries.attempts(P0), "no attempt of the record was counted");
        assertEquals(Optional.of(T0.plusSeconds(1)), retries.failed(P0, 7, T0));
    }

    @Test
    void theNextRecordOrAnotherNodeStartsTheCountAgain() {
        retries.failed(P0, 7, T0);
        retries.failed(P0, 7, T0.plusSeconds(1));
        assertEquals(Optional.of(T0.plusSeconds(11)), retries.failed(P0, 8, T0.plusSeconds(10)), "offset 8 is new");
        retries.failed(P1, 3, T0);
        retries.forget(List.of(P1));
        assertEquals(List.of(), retries.attempts(P1));
        retries.done(P0);
        assertTrue(retries.attempts(P0).isEmpty());
    }
}
