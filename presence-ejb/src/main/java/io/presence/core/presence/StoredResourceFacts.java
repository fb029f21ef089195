package io.presence.core.presence;

import io.presence.api.spi.ResourceFacts;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link ResourceFacts} read from the store on first use and remembered for the rest of one access
 * decision. Not shared between decisions, so a registration change is seen by the next one.
 */
final class StoredResourceFacts implements ResourceFacts {

    private final Supplier<Set<String>> loader;
    private Set<String> participants;

    StoredResourceFacts(Supplier<Set<String>> loader) {
        this.loader = loader;
    }

    @Override
    public synchronized Set<String> participants() {
        if (participants == null) {
            participants = Set.copyOf(loader.get());
        }
        return participants;
    }
}
