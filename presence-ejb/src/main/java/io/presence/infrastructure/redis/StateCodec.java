package io.presence.infrastructure.redis;

import io.presence.core.records.FieldLock;
import io.presence.core.records.Lifecycle;
import io.presence.core.records.RecordState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a record's state hash and the lock values the scripts return and publish; the layout is
 * described in {@code lua/lib/record_state.lua}. Times are epoch milliseconds in decimal.
 */
final class StateCodec {

    private static final String SEP = String.valueOf(TabCodec.SEPARATOR);

    private StateCodec() {}

    /** A lock value: {@code token US userId US tabId US expires US lease US userName}. */
    static FieldLock lock(String field, String value) {
        String[] f = value.split(SEP, 6);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields in a lock value");
        }
        return new FieldLock(field, Long.parseLong(f[0]), f[1], f[5], f[2], Instant.ofEpochMilli(Long.parseLong(f[3])));
    }

    /** The lifecycle from the version, busy-by and stale-until fields of a script reply or diff. */
    static Lifecycle lifecycle(String version, String busyBy, String staleUntil) {
        if (staleUntil == null || staleUntil.isEmpty()) {
            return new Lifecycle(Long.parseLong(version), null, null);
        }
        return new Lifecycle(Long.parseLong(version), busyBy, Instant.ofEpochMilli(Long.parseLong(staleUntil)));
    }

    /** The live state in a state hash at {@code now}. */
    static RecordState state(Map<String, String> hash, Instant now) {
        if (hash.isEmpty()) {
            return RecordState.EMPTY;
        }
        List<FieldLock> locks = new ArrayList<>();
        for (Map.Entry<String, String> entry : hash.entrySet()) {
            if (entry.getKey().startsWith("l:")) {
                locks.add(lock(entry.getKey().substring(2), entry.getValue()));
            }
        }
        locks.sort(Comparator.comparing(FieldLock::field));
        String stale = hash.get("s");
        Lifecycle lifecycle = stale == null
                ? lifecycle(hash.getOrDefault("v", "0"), null, null)
                : lifecycle(
                        hash.getOrDefault("v", "0"),
                        stale.substring(0, stale.indexOf(SEP)),
                        stale.substring(stale.indexOf(SEP) + 1));
        return new RecordState(lifecycle, locks).at(now);
    }
}
