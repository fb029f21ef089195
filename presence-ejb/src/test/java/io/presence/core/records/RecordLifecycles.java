package io.presence.core.records;

import io.presence.core.config.RecordSettings;
import java.time.Duration;

/** A {@link RecordLifecycle} without a container, for tests of what applies lifecycle events. */
public final class RecordLifecycles {

    private RecordLifecycles() {}

    /** Applies events to {@code store}; a MUTATING keeps the record stale for {@code staleFor}. */
    public static RecordLifecycle over(RecordStateStore store, Duration staleFor) {
        RecordLifecycle lifecycle = new RecordLifecycle();
        lifecycle.store = store;
        lifecycle.settings = RecordSettings.of(Duration.ofSeconds(120), staleFor);
        return lifecycle;
    }
}
