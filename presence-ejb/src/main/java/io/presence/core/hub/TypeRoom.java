package io.presence.core.hub;

import io.presence.api.model.ResourceRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of one resource type in one tenant (list pages). Each subscriber keeps, per
 * record, the sequence number its type snapshot showed: diffs up to that number were already in the
 * snapshot and are not delivered again. Guarded by its own monitor, taken after a {@link RecordRoom}'s.
 */
final class TypeRoom {

    private final Map<Client, Map<ResourceRef, Long>> subscribers = new ConcurrentHashMap<>();

    Map<Client, Map<ResourceRef, Long>> subscribers() {
        return subscribers;
    }

    /** Whether {@code seq} of {@code ref} is new to this subscriber; forgets the floor once passed. */
    static boolean isNew(Map<ResourceRef, Long> floors, ResourceRef ref, long seq) {
        Long floor = floors.get(ref);
        if (floor == null) {
            return true;
        }
        if (seq <= floor) {
            return false;
        }
        floors.remove(ref);
        return true;
    }
}
