package io.presence.api.spi;

import java.util.Set;

/**
 * What the platform knows about a record beyond its reference, for access decisions. Values are
 * loaded lazily: a plugin that never asks costs nothing.
 */
public interface ResourceFacts {

    /**
     * The record's participants as registered by the domain application
     * ({@code PUT /api/v1/conversations/{id}/participants}); empty when none are registered.
     */
    Set<String> participants();

    /** Facts for a record that has none registered. */
    static ResourceFacts none() {
        return Set::of;
    }

    /** Facts naming the given participants; for tests and for platforms that already hold them. */
    static ResourceFacts ofParticipants(Set<String> participants) {
        Set<String> copy = Set.copyOf(participants);
        return () -> copy;
    }
}
