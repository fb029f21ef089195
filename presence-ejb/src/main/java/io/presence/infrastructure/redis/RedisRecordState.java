package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;
import io.presence.core.records.FieldLock;
import io.presence.core.records.RecordStateStore.BumpOutcome;
import io.presence.core.records.RecordStateStore.LifecycleOutcome;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ZAddParams;

/**
 * The lock and lifecycle scripts of {@link RedisPresenceStore}, one round trip each (plus the record's
 * expiry-index entry when a lease or stale flag starts, so that the sweep finds its lapse).
 */
final class RedisRecordState {

    /** How long a record's state outlives its last change: fencing tokens only increase within it. */
    static final Duration STATE_TTL = Duration.ofDays(7);
    /** How many lifecycle event ids a record remembers, to recognise a duplicate delivery. */
    static final int RECENT_EVENTS = 32;

    final LuaScript lock = LuaScript.load("lock", "record_state");
    final LuaScript unlock = LuaScript.load("unlock", "record_state");
    final LuaScript lifecycle = LuaScript.load("lifecycle", "record_state");
    private final JedisPooled jedis;
    private final long emptyRecordTtlMs;

    RedisRecordState(JedisPooled jedis, Duration emptyRecordTtl) {
        this.jedis = jedis;
        this.emptyRecordTtlMs = emptyRecordTtl.toMillis();
    }

    List<LuaScript> scripts() {
        return List.of(lock, unlock, lifecycle);
    }

    LockOutcome lock(ResourceRef ref, String field, String userId, String tabId, Duration lease, Instant now) {
        List<?> reply = (List<?>) lock.call(
                jedis,
                keys(ref),
                List.of(
                        field,
                        TabCodec.ownerPrefix(userId),
                        tabId,
                        Long.toString(lease.toMillis()),
                        Long.toString(now.toEpochMilli()),
                        RedisKeys.DIFF_CHANNEL,
                        ref.toString(),
                        Long.toString(STATE_TTL.toMillis()),
                        Long.toString(emptyRecordTtlMs)));
        long status = (Long) reply.get(0);
        if (status == -2) {
            return new LockOutcome(LockOutcome.Status.NO_TAB, null);
        }
        FieldLock lock = StateCodec.lock(field, (String) reply.get(1));
        if (status == -1) {
            return new LockOutcome(LockOutcome.Status.HELD, lock);
        }
        index(ref, lock.expiresAt());
        return new LockOutcome(status == 1 ? LockOutcome.Status.ACQUIRED : LockOutcome.Status.RENEWED, lock);
    }

    UnlockOutcome unlock(ResourceRef ref, String field, String userId, Instant now) {
        List<?> reply = (List<?>) unlock.call(
                jedis,
                keys(ref),
                List.of(
                        field,
                        userId,
                        Long.toString(now.toEpochMilli()),
                        RedisKeys.DIFF_CHANNEL,
                        ref.toString(),
                        userId.isEmpty() ? "forced" : "unlock",
                        Long.toString(emptyRecordTtlMs)));
        long status = (Long) reply.get(0);
        if (status == 0) {
            return new UnlockOutcome(UnlockOutcome.Status.NOT_HELD, null);
        }
        FieldLock lock = StateCodec.lock(field, (String) reply.get(1));
        return new UnlockOutcome(
                status == 1 ? UnlockOutcome.Status.RELEASED : UnlockOutcome.Status.HELD_BY_OTHER, lock);
    }

    LifecycleOutcome lifecycle(
            ResourceRef ref, String op, String eventId, String busyBy, Instant staleUntil, Instant now) {
        List<?> reply = call(ref, op, eventId, busyBy, staleUntil, 0, now);
        LifecycleOutcome outcome = new LifecycleOutcome(
                (Long) reply.get(0) == 1,
                StateCodec.lifecycle(String.valueOf(reply.get(1)), (String) reply.get(2), (String) reply.get(3)));
        if (outcome.applied() && outcome.lifecycle().staleUntil() != null) {
            index(ref, outcome.lifecycle().staleUntil());
            jedis.zadd(RedisKeys.STALE_INDEX, outcome.lifecycle().staleUntil().toEpochMilli(), ref.toString());
        } else if (outcome.applied()) {
            jedis.zrem(RedisKeys.STALE_INDEX, ref.toString());
        }
        return outcome;
    }

    BumpOutcome compareAndBump(ResourceRef ref, long expected, Instant now) {
        List<?> reply = call(ref, "bump", "", "", null, expected, now);
        return new BumpOutcome((Long) reply.get(0) == 1, (Long) reply.get(1));
    }

    private List<?> call(
            ResourceRef ref, String op, String eventId, String busyBy, Instant staleUntil, long expected, Instant now) {
        return (List<?>) lifecycle.call(
                jedis,
                keys(ref),
                List.of(
                        op,
                        eventId == null ? "" : eventId,
                        busyBy == null ? "" : busyBy,
                        staleUntil == null ? "0" : Long.toString(staleUntil.toEpochMilli()),
                        Long.toString(expected),
                        Long.toString(now.toEpochMilli()),
                        RedisKeys.DIFF_CHANNEL,
                        ref.toString(),
                        Long.toString(STATE_TTL.toMillis()),
                        Long.toString(emptyRecordTtlMs),
                        Integer.toString(RECENT_EVENTS)));
    }

    /** The records whose stale flag lapses after {@code now}; lapsed entries are dropped on the way. */
    long staleRecords(Instant now) {
        long nowMs = now.toEpochMilli();
        jedis.zremrangeByScore(RedisKeys.STALE_INDEX, Double.NEGATIVE_INFINITY, nowMs);
        return jedis.zcount(RedisKeys.STALE_INDEX, "(" + nowMs, "+inf");
    }

    /** Puts the record in the expiry index no later than {@code at}, so that the sweep sees the lapse. */
    private void index(ResourceRef ref, Instant at) {
        jedis.zadd(
                RedisKeys.EXPIRY_INDEX,
                at.toEpochMilli(),
                ref.toString(),
                ZAddParams.zAddParams().lt());
    }

    private static List<String> keys(ResourceRef ref) {
        return List.of(RedisKeys.record(ref), RedisKeys.state(ref));
    }
}
