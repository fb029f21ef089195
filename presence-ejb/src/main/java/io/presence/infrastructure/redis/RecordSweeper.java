package io.presence.infrastructure.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * Removes expired tabs for {@link RedisPresenceStore#sweep}, record by record. The expiry index holds
 * each record at or before the expiry of its earliest tab; since a heartbeat may only lower that score,
 * a record comes due about once per TTL even when its tabs keep heartbeating, and is then moved to its
 * earliest expiry. Scripts are called by SHA; the store reloads them on {@code NOSCRIPT}.
 */
final class RecordSweeper {

    final LuaScript sweep = LuaScript.load("sweep", "record_state");
    final LuaScript unindex = LuaScript.load("unindex");
    private final JedisPooled jedis;
    private final long emptyRecordTtlMs;

    /**
     * @param emptyRecordTtlMs how long a record's hash outlives its last tab (it keeps the sequence
     *     number)
     */
    RecordSweeper(JedisPooled jedis, long emptyRecordTtlMs) {
        this.jedis = jedis;
        this.emptyRecordTtlMs = emptyRecordTtlMs;
    }

    /**
     * Sweeps due records in batches of {@code limit} until {@code limit} tabs are removed or no record
     * is due. A due record often has nothing expired (its earliest tab heartbeated since it was
     * indexed); it is then only moved to its new earliest expiry, which is why the loop does not stop
     * at the first batch that removes little.
     */
    int sweep(long nowMs, int limit) {
        int removed = 0;
        List<String> due;
        do {
            due = jedis.zrangeByScore(RedisKeys.EXPIRY_INDEX, 0, nowMs, 0, limit);
            removed += sweepRecords(due, nowMs);
        } while (due.size() == limit && removed < limit);
        return removed;
    }

    /**
     * Three pipelined round trips for any number of records: {@code sweep.lua} on each; then each
     * record moved to its earliest remaining expiry or, without tabs, unindexed, followed by
     * {@code sweep.lua} again; then the records in which that second look found a tab that arrived
     * meanwhile are indexed again at its expiry (a heartbeat cannot raise a due score by itself).
     */
    private int sweepRecords(List<String> due, long nowMs) {
        if (due.isEmpty()) {
            return 0;
        }
        List<List<Long>> first = sweepEach(due, nowMs, pipeline -> {});
        List<List<Long>> second = sweepEach(due, nowMs, pipeline -> {
            List<String> empty = new ArrayList<>();
            empty.add(Long.toString(nowMs));
            for (int i = 0; i < due.size(); i++) {
                long earliest = first.get(i).get(1);
                if (earliest < 0) {
                    empty.add(due.get(i));
                } else {
                    pipeline.zadd(RedisKeys.EXPIRY_INDEX, earliest, due.get(i));
                }
            }
            if (empty.size() > 1) {
                pipeline.evalsha(unindex.sha(), List.of(RedisKeys.EXPIRY_INDEX), empty);
            }
        });
        int removed = 0;
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (int i = 0; i < due.size(); i++) {
                removed += (int) (first.get(i).get(0) + second.get(i).get(0));
                long before = first.get(i).get(1);
                long earliest = second.get(i).get(1);
                if (earliest >= 0 && (before < 0 || earliest < before)) {
                    pipeline.zadd(
                            RedisKeys.EXPIRY_INDEX,
                            earliest,
                            due.get(i),
                            ZAddParams.zAddParams().lt());
                }
            }
            pipeline.sync();
        }
        return removed;
    }

    /** Runs {@code sweep.lua} on each record in one pipeline, after whatever {@code first} queues. */
    @SuppressWarnings("unchecked")
    private List<List<Long>> sweepEach(List<String> due, long nowMs, Consumer<AbstractPipeline> first) {
        List<Response<Object>> replies = new ArrayList<>(due.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            first.accept(pipeline);
            for (String member : due) {
                replies.add(pipeline.evalsha(
                        sweep.sha(),
                        List.of(
                                RedisKeys.record(RedisKeys.parseRef(member)),
                                RedisKeys.state(RedisKeys.parseRef(member))),
                        List.of(
                                Long.toString(nowMs),
                                Long.toString(emptyRecordTtlMs),
                                RedisKeys.DIFF_CHANNEL,
                                member)));
            }
            pipeline.sync();
        }
        return replies.stream().map(reply -> (List<Long>) reply.get()).toList();
    }
}
