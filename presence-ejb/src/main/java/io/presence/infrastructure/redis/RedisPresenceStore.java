package io.presence.infrastructure.redis;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.errors.TabClosedException;
import io.presence.core.errors.TabOwnedByOtherUserException;
import io.presence.core.limits.Caps;
import io.presence.core.metrics.Counters;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceStore;
import io.presence.core.presence.Snapshot;
import io.presence.core.presence.TabKey;
import io.presence.core.records.FieldLock;
import io.presence.core.records.RecordState;
import io.presence.core.records.RecordStateStore;
import io.presence.core.records.StateDiff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZAddParams;

/**
 * {@link PresenceStore} and {@link RecordStateStore} on Redis, shared by every node that points at the
 * same server. See the package documentation for the keys and scripts.
 */
public final class RedisPresenceStore implements PresenceStore, RecordStateStore {

    private static final Logger LOG = Logger.getLogger(RedisPresenceStore.class.getName());
    private final JedisPooled jedis;
    private final long hashTtlMs;
    private final LuaScript heartbeat = LuaScript.load("heartbeat", "record_state");
    private final LuaScript leave = LuaScript.load("leave", "record_state");
    private final LuaScript refresh = LuaScript.load("refresh", "record_state");
    private final LuaScript snapshot = LuaScript.load("snapshot");
    private final RedisRecordState state;
    private final RecordSweeper sweeper;
    private final RedisDiffSubscriber subscriber;
    private final PipelineBatcher batcher;

    /**
     * @param jedis the node's connection pool; shared with its other Redis adapters, not closed here.
     *     The diff subscription holds one of its connections while this store is open.
     * @param tabTtl the longest a tab lives without a heartbeat; the record's keys are kept twice as
     *     long as a safety net, so that records of a cluster whose nodes all died disappear too. An
     *     emptied record keeps its hash (and sequence number) as long: a record that comes back within
     *     it continues its numbering; later it starts again at 1, which the hub's rooms take as a
     *     reload rather than as old diffs
     */
    public RedisPresenceStore(JedisPooled jedis, Duration tabTtl) {
        this(jedis, tabTtl, Counters.Histogram.NONE);
    }

    /** As above, reporting how many heartbeats and other works each pipeline carried to {@code batchSizes}. */
    public RedisPresenceStore(JedisPooled jedis, Duration tabTtl, Counters.Histogram batchSizes) {
        this.jedis = jedis;
        this.hashTtlMs = tabTtl.multipliedBy(2).toMillis();
        this.batcher = new PipelineBatcher(jedis, batchSizes);
        this.sweeper = new RecordSweeper(jedis, hashTtlMs);
        this.subscriber = new RedisDiffSubscriber(jedis, RedisKeys.DIFF_CHANNEL);
        this.state = new RedisRecordState(jedis, Duration.ofMillis(hashTtlMs));
        CompactHashCheck.warnIfValuesTooShort(jedis);
    }

    /**
     * One round trip, shared with the heartbeats that arrive meanwhile ({@link PipelineBatcher}): the
     * {@code heartbeat.lua} script, the record's index entries and, for a tab a node holds, the node's
     * tab set.
     */
    @Override
    public HeartbeatOutcome heartbeat(ResourceRef ref, TabPresence tab, int maxUserTabs) {
        List<String> keys = List.of(RedisKeys.record(ref), RedisKeys.closedTab(ref, tab.tabId()), RedisKeys.state(ref));
        List<String> args = List.of(
                tab.tabId(),
                TabCodec.encode(tab),
                TabCodec.ownerPrefix(tab.userId()),
                Long.toString(hashTtlMs),
                RedisKeys.DIFF_CHANNEL,
                ref.toString(),
                Long.toString(tab.lastSeen().toEpochMilli()),
                Integer.toString(maxUserTabs));
        long result = onRedis(
                ref,
                () -> batcher.run(pipeline -> {
                    Response<Object> outcome = pipeline.evalsha(heartbeat.sha(), keys, args);
                    index(pipeline, ref, tab.expiresAt().toEpochMilli());
                    if (!tab.node().isEmpty()) {
                        pipeline.sadd(RedisKeys.nodeTabs(tab.node()), RedisKeys.nodeTabMember(ref, tab.tabId()));
                    }
                    return () -> (Long) outcome.get();
                }));
        if (result == -3) {
            throw Caps.userTabsExceeded(maxUserTabs);
        }
        if (result == -2) {
            throw new TabClosedException(tab.tabId());
        }
        if (result < 0) {
            throw new TabOwnedByOtherUserException(tab.tabId());
        }
        return result == 1
                ? HeartbeatOutcome.JOINED
                : result == 2 ? HeartbeatOutcome.UPDATED : HeartbeatOutcome.REFRESHED;
    }

    /**
     * Queues the record's index entries for a tab expiring at {@code expiresMs}: the expiry index may
     * only move earlier (it must stay at or before the record's earliest expiry), the type index only
     * later (it says until when the record has a tab at least).
     */
    private static void index(AbstractPipeline pipeline, ResourceRef ref, long expiresMs) {
        pipeline.zadd(
                RedisKeys.EXPIRY_INDEX,
                expiresMs,
                ref.toString(),
                ZAddParams.zAddParams().lt());
        pipeline.zadd(
                RedisKeys.typeIndex(ref.tenant(), ref.type()),
                expiresMs,
                ref.id(),
                ZAddParams.zAddParams().gt());
    }

    @Override
    public boolean leave(ResourceRef ref, String tabId, String userId, String reason) {
        return removeOwnTab(ref, tabId, userId, reason, Duration.ZERO);
    }

    @Override
    public boolean close(ResourceRef ref, String tabId, String userId, Duration closedFor) {
        return removeOwnTab(ref, tabId, userId, "unregister", closedFor);
    }

    private boolean removeOwnTab(ResourceRef ref, String tabId, String userId, String reason, Duration closedFor) {
        long result = onRedis(
                ref, () -> removeTab(ref, tabId, TabCodec.ownerPrefix(userId), reason, "", closedFor.toMillis()));
        if (result < 0) {
            throw new TabOwnedByOtherUserException(tabId);
        }
        return result == 1;
    }

    private long removeTab(
            ResourceRef ref, String tabId, String ownerPrefix, String reason, String node, long closedMs) {
        return (Long) leave.call(
                jedis,
                List.of(RedisKeys.record(ref), RedisKeys.closedTab(ref, tabId), RedisKeys.state(ref)),
                List.of(
                        tabId,
                        ownerPrefix,
                        Long.toString(hashTtlMs),
                        RedisKeys.DIFF_CHANNEL,
                        ref.toString(),
                        reason,
                        node,
                        Long.toString(closedMs)));
    }

    @Override
    public Snapshot snapshot(ResourceRef ref, Instant now) {
        return parseSnapshot(onRedis(ref, () -> snapshot.call(jedis, snapshotKeys(ref), List.of())), now);
    }

    private static List<String> snapshotKeys(ResourceRef ref) {
        return List.of(RedisKeys.record(ref), RedisKeys.state(ref));
    }

    /** A {@code snapshot.lua} reply: the record's hash and state hash, each as a flat field/value list. */
    private static Snapshot parseSnapshot(Object reply, Instant now) {
        List<?> hashes = (List<?>) reply;
        return parseSnapshot(pairs(hashes.get(0)), StateCodec.state(pairs(hashes.get(1)), now), now);
    }

    private static Map<String, String> pairs(Object flat) {
        List<?> list = (List<?>) flat;
        Map<String, String> map = new HashMap<>(list.size());
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put((String) list.get(i), (String) list.get(i + 1));
        }
        return map;
    }

    /** The live tabs of a record's hash, ordered by last heartbeat (then tab id) for stable output. */
    private static Snapshot parseSnapshot(Map<String, String> hash, RecordState state, Instant now) {
        long seq = 0;
        List<TabPresence> tabs = new ArrayList<>(hash.size());
        for (Map.Entry<String, String> field : hash.entrySet()) {
            if (field.getKey().equals(RedisKeys.SEQ_FIELD)) {
                seq = Long.parseLong(field.getValue());
                continue;
            }
            TabPresence tab = TabCodec.decode(field.getKey(), field.getValue());
            if (!tab.expiredAt(now)) {
                tabs.add(tab);
            }
        }
        tabs.sort(Comparator.comparing(TabPresence::lastSeen).thenComparing(TabPresence::tabId));
        return new Snapshot(seq, tabs, state);
    }

    @Override
    public int sweep(Instant now, int limit) {
        return onRedis(null, () -> sweeper.sweep(now.toEpochMilli(), limit));
    }

    /**
     * One pipelined round trip: per tab the {@code refresh.lua} script plus its expiry-index and
     * type-index entries, then the node's tab set rewritten to exactly these tabs.
     */
    @Override
    public Set<TabKey> refresh(String node, Collection<TabKey> tabs, Instant expiresAt) {
        if (tabs.isEmpty()) {
            return Set.of();
        }
        String expiresMs = Long.toString(expiresAt.toEpochMilli());
        String nowMs = Long.toString(System.currentTimeMillis());
        return onRedis(tabs.iterator().next().ref(), () -> {
            Map<TabKey, Response<Object>> replies = new LinkedHashMap<>();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                String nodeKey = RedisKeys.nodeTabs(node);
                pipeline.del(nodeKey);
                for (TabKey key : tabs) {
                    replies.put(
                            key,
                            pipeline.evalsha(
                                    refresh.sha(),
                                    List.of(RedisKeys.record(key.ref()), RedisKeys.state(key.ref())),
                                    List.of(key.tabId(), node, expiresMs, Long.toString(hashTtlMs), nowMs)));
                    index(pipeline, key.ref(), expiresAt.toEpochMilli());
                    pipeline.sadd(nodeKey, RedisKeys.nodeTabMember(key.ref(), key.tabId()));
                }
                pipeline.pexpire(nodeKey, hashTtlMs);
                pipeline.sync();
            }
            Set<TabKey> missing = new HashSet<>();
            replies.forEach((key, reply) -> {
                if ((Long) reply.get() == 0) {
                    missing.add(key);
                }
            });
            return missing;
        });
    }

    @Override
    public boolean release(TabKey key, String node, String reason) {
        return onRedis(key.ref(), () -> removeTab(key.ref(), key.tabId(), "", reason, node, 0)) == 1;
    }

    @Override
    public int clearNode(String node) {
        return onRedis(null, () -> {
            int removed = 0;
            String nodeKey = RedisKeys.nodeTabs(node);
            for (String member : jedis.smembers(nodeKey)) {
                int cut = member.indexOf(TabCodec.SEPARATOR);
                ResourceRef ref = RedisKeys.parseRef(member.substring(0, cut));
                removed += (int) removeTab(ref, member.substring(cut + 1), "", "closed", node, 0);
            }
            jedis.del(nodeKey);
            return removed;
        });
    }

    /** Two round trips: the live ids from the type index (dropping lapsed ones), then their hashes. */
    @Override
    public Map<ResourceRef, Snapshot> activeRecords(String tenant, String type, Instant now, int limit) {
        String indexKey = RedisKeys.typeIndex(tenant, type);
        long nowMs = now.toEpochMilli();
        List<String> ids = onRedis(null, () -> {
            jedis.zremrangeByScore(indexKey, Double.NEGATIVE_INFINITY, nowMs);
            return jedis.zrangeByScore(indexKey, nowMs, Double.POSITIVE_INFINITY, 0, limit);
        });
        Map<ResourceRef, Response<Object>> replies = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            onRedis(new ResourceRef(tenant, type, ids.get(0)), () -> {
                try (AbstractPipeline pipeline = jedis.pipelined()) {
                    for (String id : ids) {
                        ResourceRef ref = new ResourceRef(tenant, type, id);
                        replies.put(ref, pipeline.evalsha(snapshot.sha(), snapshotKeys(ref), List.of()));
                    }
                    pipeline.sync();
                }
                return null;
            });
        }
        Map<ResourceRef, Snapshot> active = new LinkedHashMap<>();
        replies.forEach((ref, reply) -> {
            Snapshot snap = parseSnapshot(reply.get(), now);
            if (!snap.tabs().isEmpty()) {
                active.put(ref, snap);
            }
        });
        return active;
    }

    @Override
    public void addDiffListener(Consumer<PresenceDiff> listener) {
        subscriber.addListener(listener);
    }

    @Override
    public LockOutcome lock(ResourceRef ref, String field, String userId, String tabId, Duration lease, Instant now) {
        return onRedis(ref, () -> state.lock(ref, field, userId, tabId, lease, now));
    }

    @Override
    public UnlockOutcome unlock(ResourceRef ref, String field, String userId, Instant now) {
        return onRedis(ref, () -> state.unlock(ref, field, userId, now));
    }

    @Override
    public FieldLock forceUnlock(ResourceRef ref, String field, Instant now) {
        UnlockOutcome outcome = onRedis(ref, () -> state.unlock(ref, field, "", now));
        return outcome.status() == UnlockOutcome.Status.RELEASED ? outcome.lock() : null;
    }

    @Override
    public LifecycleOutcome mutating(ResourceRef ref, String busyBy, String eventId, Duration staleFor, Instant now) {
        return onRedis(ref, () -> state.lifecycle(ref, "mutating", eventId, busyBy, now.plus(staleFor), now));
    }

    @Override
    public LifecycleOutcome mutated(ResourceRef ref, String eventId, Instant now) {
        return onRedis(ref, () -> state.lifecycle(ref, "mutated", eventId, "", null, now));
    }

    @Override
    public BumpOutcome compareAndBump(ResourceRef ref, long expected, Instant now) {
        return onRedis(ref, () -> state.compareAndBump(ref, expected, now));
    }

    @Override
    public long staleRecords(Instant now) {
        return onRedis(null, () -> state.staleRecords(now));
    }

    @Override
    public void addStateListener(Consumer<StateDiff> listener) {
        subscriber.addStateListener(listener);
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
                String sampleKey = ref == null ? RedisKeys.EXPIRY_INDEX : RedisKeys.record(ref);
                List<LuaScript> scripts = new ArrayList<>(List.of(heartbeat, leave, refresh, snapshot));
                scripts.addAll(List.of(sweeper.sweep, sweeper.unindex));
                scripts.addAll(state.scripts());
                for (LuaScript script : scripts) {
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
