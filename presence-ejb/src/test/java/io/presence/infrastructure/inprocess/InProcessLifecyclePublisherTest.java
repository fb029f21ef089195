package io.presence.infrastructure.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.ResourceRef;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecycleEvent.Phase;
import io.presence.core.records.LifecyclePublisher.Publication;
import io.presence.core.records.RecordLifecycles;
import io.presence.infrastructure.memory.InMemoryPresenceStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without Kafka an event accepted over REST is applied at once, once per event id. */
class InProcessLifecyclePublisherTest {

    private static final ResourceRef ORDER = new ResourceRef("acme", "order", "123");

    @Test
    void mutatingThenMutatedAreAppliedAtOnceAndADuplicateChangesNothing() {
        try (InMemoryPresenceStore store = new InMemoryPresenceStore();
                InProcessLifecyclePublisher publisher =
                        new InProcessLifecyclePublisher(RecordLifecycles.over(store, Duration.ofMinutes(5))::apply)) {
            Publication mutating = publisher.publish(new LifecycleEvent("e-1", Phase.MUTATING, ORDER, "batch"));
            assertEquals(Publication.Status.APPLIED, mutating.status());
            assertTrue(mutating.lifecycle().stale());
            assertEquals("batch", mutating.lifecycle().busyBy());

            Publication mutated = publisher.publish(new LifecycleEvent("e-2", Phase.MUTATED, ORDER, null));
            assertEquals(new Publication(Publication.Status.APPLIED, new Lifecycle(1, null, null)), mutated);

            Publication again = publisher.publish(new LifecycleEvent("e-2", Phase.MUTATED, ORDER, null));
            assertEquals(Publication.Status.DUPLICATE, again.status());
            assertEquals(1, again.lifecycle().version());
            assertFalse(again.lifecycle().stale());
        }
    }
}
