package io.presence.core.records;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.RecordSettings;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.records.RecordStateStore.BumpOutcome;
import io.presence.core.records.RecordStateStore.LifecycleOutcome;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Record lifecycles and versions: applies MUTATING/MUTATED events (from Kafka or REST), answers a
 * record's state, and bumps a version only if the caller saw the current one (seed 001's
 * {@code lock_version}).
 */
@ApplicationScoped
public class RecordLifecycle {

    @Inject
    RecordStateStore store;

    @Inject
    PresenceStore presence;

    @Inject
    ResourceAccess access;

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    RecordSettings settings;

    private final Clock clock = Clock.systemUTC();

    /** The reader of lifecycle events for this server's types (names, aliases and CamelCase forms). */
    public LifecycleEventReader reader() {
        return new LifecycleEventReader(name -> registry.requireByAnyName(name).type());
    }

    /** Applies an event once per event id; {@code applied} is false for a duplicate. */
    public LifecycleOutcome apply(LifecycleEvent event) {
        return event.phase() == LifecycleEvent.Phase.MUTATING
                ? store.mutating(event.ref(), event.busyBy(), event.eventId(), settings.staleFor(), clock.instant())
                : store.mutated(event.ref(), event.eventId(), clock.instant());
    }

    /** The record's locks and lifecycle, with the sequence number they belong to. */
    public StateView state(Caller caller, String type, String id) {
        ResourceRef ref = access.visible(caller, type, id);
        var snapshot = presence.snapshot(ref, clock.instant());
        return new StateView(ref, snapshot.seq(), snapshot.state());
    }

    /** Bumps the version if it is {@code expected}; callers who may edit the record, or publishers. */
    public BumpOutcome compareAndBump(Caller caller, String type, String id, long expected) {
        ResourceRef ref =
                caller.inGroup(Publishers.GROUP) ? access.visible(caller, type, id) : access.editable(caller, type, id);
        return store.compareAndBump(ref, expected, clock.instant());
    }

    /** A record's state as a read returns it. */
    public record StateView(ResourceRef ref, long seq, RecordState state) {}
}
