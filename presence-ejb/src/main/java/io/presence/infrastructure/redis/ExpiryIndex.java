package io.presence.infrastructure.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;

/**
 * A sorted set of entries ({@link RedisKeys#member}s) scored by when each lapses, read by the sweepers
 * of every node: devices of users, typings. A report or refresh sets an entry's score, so an entry the
 * sweep finds due either lapsed or was moved later meanwhile, in which case {@code unindex.lua} keeps it.
 */
final class ExpiryIndex {

    private final JedisPooled jedis;
    private final String key;
    private final LuaScript unindex;

    /** @param unindex {@code unindex.lua}, which the owning store also loads on {@code NOSCRIPT} */
    ExpiryIndex(JedisPooled jedis, String key, LuaScript unindex) {
        this.jedis = jedis;
        this.key = key;
        this.unindex = unindex;
    }

    /**
     * Two round trips for up to {@code limit} due entries: reads them, then in one pipeline queues the
     * store's scripts for them ({@code sweepDue}) and drops them from the index unless they moved later.
     *
     * @return the sum of the scripts' replies (what they removed)
     */
    int sweep(
            RedisScripts scripts,
            Instant now,
            int limit,
            BiFunction<AbstractPipeline, List<String>, List<Response<Object>>> sweepDue) {
        long nowMs = now.toEpochMilli();
        List<String> due = scripts.run(() -> jedis.zrangeByScore(key, 0, nowMs, 0, limit));
        if (due.isEmpty()) {
            return 0;
        }
        List<Response<Object>> replies = new ArrayList<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                replies.addAll(sweepDue.apply(pipeline, due));
                List<String> args = new ArrayList<>(due.size() + 1);
                args.add(Long.toString(nowMs));
                args.addAll(due);
                pipeline.evalsha(unindex.sha(), List.of(key), args);
                pipeline.sync();
            }
            return null;
        });
        return replies.stream()
                .mapToInt(reply -> (int) (long) (Long) reply.get())
                .sum();
    }
}
