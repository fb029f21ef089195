package io.presence.infrastructure.redis;

import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.limits.Gcra;
import io.presence.core.limits.Rate;
import io.presence.core.limits.RateDecision;
import io.presence.core.limits.RateKey;
import io.presence.core.limits.RateLimiter;
import io.presence.core.metrics.Counters;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link RateLimiter} on Redis, shared by every node on the same Redis: one call of
 * {@code rate_limit.lua} per take, which reads and moves the client's allowance in one atomic step, so
 * that no two nodes grant the same permit. Takes that arrive on a node together share one pipeline
 * ({@link PipelineBatcher}). One small string per client that is not at full allowance, at
 * {@code presence:rate:{tenant:user}:<scope>}, expiring once the allowance is full again.
 */
public final class RedisRateLimiter implements RateLimiter {

    private final JedisPooled jedis;
    private final PipelineBatcher batcher;
    private final LuaScript script = LuaScript.load("rate_limit");

    /** @param jedis the node's connection pool; shared with its other Redis adapters, not closed here */
    public RedisRateLimiter(JedisPooled jedis) {
        this(jedis, Counters.Histogram.NONE);
    }

    /** As above, reporting how many decisions each pipeline carried to {@code batchSizes}. */
    public RedisRateLimiter(JedisPooled jedis, Counters.Histogram batchSizes) {
        this.jedis = jedis;
        this.batcher = new PipelineBatcher(jedis, batchSizes);
    }

    @Override
    public RateDecision take(RateKey key, Rate rate, Instant now) {
        List<String> keys = List.of(RedisKeys.rate(key));
        List<String> args = List.of(
                Long.toString(Gcra.micros(now)), Long.toString(rate.intervalMicros()), Integer.toString(rate.burst()));
        List<?> reply;
        try {
            reply = call(keys, args);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                throw unavailable(e);
            }
            try {
                script.ensureLoaded(jedis, keys.get(0));
                reply = call(keys, args);
            } catch (JedisException again) {
                throw unavailable(again);
            }
        } catch (JedisException e) {
            throw unavailable(e);
        }
        boolean allowed = ((Long) reply.get(0)) == 1;
        Gcra.Outcome outcome = new Gcra.Outcome(allowed, 0, (Long) reply.get(1), (Long) reply.get(2));
        return RateDecision.ofMicros(outcome, rate);
    }

    private List<?> call(List<String> keys, List<String> args) {
        return batcher.run(pipeline -> {
            Response<Object> reply = pipeline.evalsha(script.sha(), keys, args);
            return () -> (List<?>) reply.get();
        });
    }

    private static StoreUnavailableException unavailable(JedisException e) {
        return new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }

    /** Nothing to release: the pool belongs to whoever opened it. */
    @Override
    public void close() {}
}
