package io.presence.infrastructure.redis;

import io.presence.core.status.Status;
import io.presence.core.status.StatusChanged;
import io.presence.core.status.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the user status scripts write: a user's hash (fields in {@code lua/lib/user_status.lua})
 * and the messages of {@value RedisKeys#STATUS_CHANNEL}.
 */
final class StatusCodec {

    private static final String SEP = String.valueOf(TabCodec.SEPARATOR);

    private StatusCodec() {}

    /**
     * The user as the scripts would settle them at {@code now}: devices expired by then left out (their
     * last report still counts as seen); null for a user without a hash or not seen within the retention.
     */
    static UserStatus status(String userId, Map<String, String> hash, Instant now, long retentionMs) {
        if (hash.isEmpty()) {
            return null;
        }
        long nowMs = now.toEpochMilli();
        long seen = Long.parseLong(hash.getOrDefault("l", "0"));
        List<Status> live = new ArrayList<>();
        for (Map.Entry<String, String> field : hash.entrySet()) {
            if (field.getKey().startsWith("d:")) {
                String[] device = field.getValue().split(SEP, 4);
                seen = Math.max(seen, Long.parseLong(device[3]));
                if (Long.parseLong(device[1]) > nowMs) {
                    live.add(Status.parse("status", device[0]));
                }
            }
        }
        if (live.isEmpty() && seen + retentionMs < nowMs) {
            return null;
        }
        long version = Long.parseLong(hash.getOrDefault("v", "0"));
        return new UserStatus(userId, Status.aggregate(live), Instant.ofEpochMilli(seen), version);
    }

    /** {@code tenant US user US status US last seen ms US version}. */
    static StatusChanged change(String message) {
        String[] f = message.split(SEP, 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 fields in a status change");
        }
        return new StatusChanged(
                f[0],
                new UserStatus(
                        f[1],
                        Status.parse("status", f[2]),
                        Instant.ofEpochMilli(Long.parseLong(f[3])),
                        Long.parseLong(f[4])));
    }
}
