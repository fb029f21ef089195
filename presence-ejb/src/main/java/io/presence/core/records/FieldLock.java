package io.presence.core.records;

import java.time.Instant;
import java.util.Objects;

/**
 * One field's lock: held by one tab of one user until {@code expiresAt} (the lease, renewed while the
 * tab lives).
 *
 * @param field the locked field
 * @param token the fencing token: increases with every acquisition of this field of this record, so a
 *     domain application can refuse a write that carries an older one
 * @param userId the holder
 * @param userName the holder's display name
 * @param tabId the holder's tab; the lock goes when the tab leaves
 * @param expiresAt when the lease lapses unless renewed
 */
public record FieldLock(String field, long token, String userId, String userName, String tabId, Instant expiresAt) {

    public FieldLock {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tabId, "tabId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        userName = userName == null ? "" : userName;
    }

    public boolean lapsedAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
