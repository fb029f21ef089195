package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.api.model.PresenceDiff;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.errors.TabOwnedByOtherUserException;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link PresenceStore} on Redis, shared by every node that points at the same server. See the package
 * documentation for the keys and scripts.
 */
public final class RedisPresenceStore implements PresenceStore {

    private static final Logger LOG = Logger.getLogger(RedisPresenceStore.class.getName());
    private static final Duration SEQ_TTL = Duration.ofHours(24);

    private final JedisPooled jedis;
    private final long hashTtlMs;
    private final LuaScript heartbeat = LuaScript.load("heartbeat");
    private final LuaScript leave = LuaScript.load("leave");
    private final LuaScript snapshot = LuaScript.load("snapshot");
    private final LuaScript unindex = LuaScript.load("unindex");
    private final RedisDiffSubscriber subscriber;

    /**
     * @param jedis the connection pool; owned (and closed) by this store
     * @param tabTtl the longest a tab lives without a heartbeat; the record's keys are kept twice as
     *     long as a safety net, so that records of a cluster whose nodes all died disappear too
     */
    public RedisPresenceStore(JedisPooled jedis, Duration tabTtl) {
        this.jedis = jedis;
        this.hashTtlMs = tabTtl.multipliedBy(2).toMillis();
        this.subscriber = new RedisDiffSubscriber(jedis, RedisKeys.DIFF_CHANNEL);
        subscriber.start();
    }

    @Override
    public HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab) {
        long result = onRedis(ref, () -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<Object> outcome = pipeline.evalsha(heartbeat.sha(),
                        List.of(RedisKeys.tabs(ref), RedisKeys.seq(ref)),
                        List.of(tab.tabId(), TabCodec.encode(tab), TabCodec.ownerPrefix(tab.userId()),
                                Long.toString(hashTtlMs), Long.toString(SEQ_TTL.toMillis()),
                                RedisKeys.DIFF_CHANNEL, ref.toString()));
                pipeline.zadd(RedisKeys.EXPIRY_INDEX, tab.expiresAt().toEpochMilli(),
                        RedisKeys.indexMember(ref, tab.tabId()));
                pipeline.sync();
                return (Long) outcome.get();
            }
        });
        if (result < 0) {
            throw new TabOwnedByOtherUserException(tab.tabId());
        }
        return result == 1 ? HeartbeatOutcome.JOINED : result == 2 ? HeartbeatOutcome.UPDATED : HeartbeatOutcome.REFRESHED;
    }

    @Override
    public boolean leave(ResourceRef ref, String tabId, String userId, String reason) {
        long result = onRedis(ref, () -> removeTab(ref, tabId, TabCodec.ownerPrefix(userId), reason, ""));
        if (result < 0) {
            throw new TabOwnedByOtherUserException(tabId);
        }
        return result == 1;
    }

    private long removeTab(ResourceRef ref, String tabId, String ownerPrefix, String reason, String dueBy) {
        return (Long) leave.call(jedis, List.of(RedisKeys.tabs(ref), RedisKeys.seq(ref)),
                List.of(tabId, ownerPrefix, Long.toString(SEQ_TTL.toMillis()), RedisKeys.DIFF_CHANNEL,
                        ref.toString(), reason, dueBy));
    }

    @Override
    public Snapshot snapshot(ResourceRef ref, Instant now) {
        List<?> reply = onRedis(ref, () -> (List<?>) snapshot.call(jedis,
                List.of(RedisKeys.tabs(ref), RedisKeys.seq(ref)), List.of()));
        long seq = Long.parseLong((String) reply.get(0));
        List<TabPresence> tabs = new ArrayList<>(reply.size() / 2);
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            TabPresence tab = TabCodec.decode((String) reply.get(i), (String) reply.get(i + 1));
            if (!tab.expiredAt(now)) {
                tabs.add(tab);
            }
        }
        return new Snapshot(seq, tabs);
    }

    @Override
    public int sweep(Instant now, int limit) {
        return onRedis(null, () -> {
            long nowMs = now.toEpochMilli();
            List<String> due = jedis.zrangeByScore(RedisKeys.EXPIRY_INDEX, 0, nowMs, 0, limit);
            int removed = 0;
            for (String member : due) {
                int cut = member.indexOf(TabCodec.SEPARATOR);
                ResourceRef ref = RedisKeys.parseRef(member.substring(0, cut));
                removed += (int) removeTab(ref, member.substring(cut + 1), "", "expired", Long.toString(nowMs));
            }
            if (!due.isEmpty()) {
                List<String> args = new ArrayList<>(due.size() + 1);
                args.add(Long.toString(nowMs));
                args.addAll(due);
                unindex.call(jedis, List.of(RedisKeys.EXPIRY_INDEX), args);
            }
            return removed;
        });
    }

    @Override
    public void addDiffListener(Consumer<PresenceDiff> listener) {
        subscriber.addListener(listener);
    }

    @Override
    public boolean isAvailable() {
        try {
            return "PONG".equals(jedis.ping()) && subscriber.isSubscribed();
        } catch (JedisException e) {
            return false;
        }
    }

    @Override
    public void close() {
        subscriber.close();
        jedis.close();
    }

    /**
     * Runs a Redis operation, loading the scripts once if the server does not know them, and turns
     * infrastructure failures into {@link StoreUnavailableException}.
     */
    private <T> T onRedis(ResourceRef ref, Supplier<T> operation) {
        try {
            try {
                return operation.get();
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                String sampleKey = ref == null ? RedisKeys.EXPIRY_INDEX : RedisKeys.tabs(ref);
                for (LuaScript script : List.of(heartbeat, leave, snapshot, unindex)) {
                    script.ensureLoaded(jedis, sampleKey);
                }
                LOG.info("loaded the presence Lua scripts into Redis");
                return operation.get();
            }
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
