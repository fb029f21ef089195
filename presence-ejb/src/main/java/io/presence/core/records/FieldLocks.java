package io.presence.core.records;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.RecordSettings;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.PresenceException;
import io.presence.core.metrics.Counters;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.presence.Inputs;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Field locks as transports offer them: the caller must be allowed to edit the record, the field must
 * be one its plugin declares lockable, and the lock belongs to one of the caller's live tabs on the
 * record. A lock held by someone else is an outcome, not an error: WebSocket answers it with an
 * unsuccessful {@code lock_ack}, REST with 409.
 */
@ApplicationScoped
public class FieldLocks {

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

    @Inject
    Counters counters;

    /** Seed 002's counter of lock acquisitions, by resource type. */
    public static final String LOCKS_ACQUIRED = "redis_presence_locks_acquired";

    private final Clock clock = Clock.systemUTC();

    /** Locks the field for the caller's tab, or renews it; {@code HELD} when another tab holds it. */
    public LockOutcome lock(Caller caller, String type, String id, String field, String tabId) {
        Inputs.lockField(field);
        Inputs.tabId(tabId);
        ResourceRef ref = access.editable(caller, type, id);
        requireLockable(type, field);
        LockOutcome outcome = store.lock(ref, field, caller.userId(), tabId, settings.lockLease(), clock.instant());
        if (outcome.status() == LockOutcome.Status.ACQUIRED) {
            counters.increment(LOCKS_ACQUIRED, Map.of("entity", type));
        }
        if (outcome.status() == LockOutcome.Status.NO_TAB) {
            throw new PresenceException(
                    409,
                    "tab_required",
                    "a lock belongs to a tab: tab '" + tabId + "' of yours is not present on this record;"
                            + " send presence (or a heartbeat) for it first",
                    Map.of("field", field, "tab_id", tabId));
        }
        return outcome;
    }

    /**
     * Releases the caller's lock of the field; {@code NOT_HELD} when nobody held it (releasing is
     * idempotent). Another user's lock is refused with 403 {@code lock_held_by_other}.
     */
    public UnlockOutcome unlock(Caller caller, String type, String id, String field) {
        Inputs.lockField(field);
        ResourceRef ref = access.visible(caller, type, id);
        requireLockable(type, field);
        UnlockOutcome outcome = store.unlock(ref, field, caller.userId(), clock.instant());
        if (outcome.status() == UnlockOutcome.Status.HELD_BY_OTHER) {
            throw new ForbiddenException(
                    "lock_held_by_other",
                    "the lock of '" + field + "' is held by another user; only its holder releases it",
                    heldBy(outcome.lock()));
        }
        return outcome;
    }

    /** A publisher (the domain application) releases whoever's lock; null when none was held. */
    public FieldLock forceUnlock(Caller publisher, String type, String id, String field) {
        Publishers.require(publisher);
        Inputs.lockField(field);
        ResourceRef ref = access.visible(publisher, type, id);
        return store.forceUnlock(ref, field, clock.instant());
    }

    /**
     * The field's current lock if {@code token} is its fencing token (and, with {@code userId}, that
     * user holds it); otherwise 409 {@code stale_token} naming the current lock, if any. What a domain
     * application asks before it commits a write made under a lock.
     */
    public FieldLock verify(Caller caller, String type, String id, String field, long token, Optional<String> userId) {
        Inputs.lockField(field);
        ResourceRef ref = access.visible(caller, type, id);
        FieldLock current = presence.snapshot(ref, clock.instant()).state().lock(field);
        if (current != null
                && current.token() == token
                && userId.map(current.userId()::equals).orElse(true)) {
            return current;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("token", token);
        details.put("current_holder", current == null ? null : current.userId());
        details.put("current_token", current == null ? null : current.token());
        throw new PresenceException(
                409,
                "stale_token",
                current == null
                        ? "nobody holds the lock of '" + field + "' any more"
                        : "token " + token + " is not the current lock of '" + field + "'",
                details);
    }

    /** The details that name a lock's holder in errors and refusals. */
    public static Map<String, Object> heldBy(FieldLock lock) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", lock.field());
        details.put("held_by", lock.userId());
        details.put("held_by_name", lock.userName());
        return details;
    }

    private void requireLockable(String type, String field) {
        if (!registry.require(type).type().isLockable(field)) {
            throw new PresenceException(
                    422,
                    "field_not_lockable",
                    "field: '" + field + "' is not a lockable field of " + type,
                    Map.of(
                            "field",
                            field,
                            "lockable_fields",
                            registry.require(type).type().lockableFields()));
        }
    }
}
