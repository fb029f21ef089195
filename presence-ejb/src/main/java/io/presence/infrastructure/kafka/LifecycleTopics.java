package io.presence.infrastructure.kafka;

import io.presence.core.records.LifecycleEvent;
import java.util.List;
import java.util.Objects;

/**
 * The two lifecycle topics (seed 002's {@code core.entities.lifecycle.mutating} and {@code .mutated}
 * by default): the topic says the phase, and each has its dead-letter topic {@code <topic>.dlt}.
 */
public record LifecycleTopics(String mutating, String mutated) {

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public LifecycleTopics {
        Objects.requireNonNull(mutating, "mutating");
        Objects.requireNonNull(mutated, "mutated");
        if (mutating.equals(mutated)) {
            throw new IllegalArgumentException("the MUTATING and MUTATED topics must differ, both are " + mutating);
        }
    }

    public List<String> both() {
        return List.of(mutating, mutated);
    }

    /** The topic events of {@code phase} go to. */
    public String topicOf(LifecycleEvent.Phase phase) {
        return phase == LifecycleEvent.Phase.MUTATING ? mutating : mutated;
    }

    /** The phase of the events of {@code topic}, one of the two. */
    public LifecycleEvent.Phase phaseOf(String topic) {
        if (topic.equals(mutating)) {
            return LifecycleEvent.Phase.MUTATING;
        }
        if (topic.equals(mutated)) {
            return LifecycleEvent.Phase.MUTATED;
        }
        throw new IllegalArgumentException(topic + " is not a lifecycle topic");
    }

    public static String deadLetterTopic(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
