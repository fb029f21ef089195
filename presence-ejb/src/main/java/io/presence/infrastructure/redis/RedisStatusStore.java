package io.presence.infrastructure.redis;

import io.presence.core.status.DeviceKey;
import io.presence.core.status.Status;
import io.presence.core.status.StatusChanged;
import io.presence.core.status.StatusStore;
import io.presence.core.status.UserRef;
import io.presence.core.status.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZAddParams;

/**
 * {@link StatusStore} on Redis, shared by every node on the same server. Each user is one hash (see
 * {@code lua/lib/user_status.lua}); every change of it is one script, so that the rate limit and the
 * aggregate hold across nodes. A report is one pipelined round trip: the script, the user's entry in
 * the tenant's index of known users, the device's entry in the expiry index (and in its node's set).
 * Status changes travel on {@value RedisKeys#STATUS_CHANNEL}.
 */
public final class RedisStatusStore implements StatusStore {

    private static final Logger LOG = Logger.getLogger(RedisStatusStore.class.getName());

    private final JedisPooled jedis;
    private final long retentionMs;
    private final LuaScript report = LuaScript.load("status_report", "user_status");
    private final LuaScript refresh = LuaScript.load("status_refresh", "user_status");
    private final LuaScript release = LuaScript.load("status_release", "user_status");
    private final LuaScript sweep = LuaScript.load("status_sweep", "user_status");
    private final LuaScript unindex = LuaScript.load("unindex");
    private final RedisScripts scripts;
    private final List<Consumer<StatusChanged>> listeners = new CopyOnWriteArrayList<>();
    private final RedisSubscription subscription;

    /**
     * @param jedis the node's connection pool, shared with its other Redis adapters and not closed here;
     *     the status subscription holds one of its connections while this store is open
     * @param retention how long a user stays known after they were last seen
     */
    public RedisStatusStore(JedisPooled jedis, Duration retention) {
        this.jedis = jedis;
        this.retentionMs = retention.toMillis();
        this.scripts = new RedisScripts(jedis, RedisKeys.DEVICE_EXPIRIES, report, refresh, release, sweep, unindex);
        this.subscription = new RedisSubscription(jedis, RedisKeys.STATUS_CHANNEL, this::deliver);
    }

    @Override
    public Report report(
            UserRef user,
            String deviceId,
            Status status,
            String node,
            Instant expiresAt,
            Instant now,
            Duration minInterval) {
        String member = RedisKeys.member(user.tenant(), user.userId(), deviceId);
        List<?> reply = scripts.run(() -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<Object> outcome = pipeline.evalsha(
                        report.sha(),
                        List.of(RedisKeys.userStatus(user.tenant(), user.userId())),
                        List.of(
                                deviceId,
                                status.wireName(),
                                node,
                                Long.toString(expiresAt.toEpochMilli()),
                                Long.toString(now.toEpochMilli()),
                                Long.toString(minInterval.toMillis()),
                                RedisKeys.STATUS_CHANNEL,
                                user.tenant(),
                                user.userId(),
                                Long.toString(retentionMs)));
                seen(pipeline, user, now);
                if (status != Status.OFFLINE) {
                    pipeline.zadd(RedisKeys.DEVICE_EXPIRIES, expiresAt.toEpochMilli(), member);
                    if (!node.isEmpty()) {
                        pipeline.sadd(RedisKeys.nodeDevices(node), member);
                    }
                }
                pipeline.sync();
                return (List<?>) outcome.get();
            }
        });
        if ((Long) reply.get(0) < 0) {
            return Report.refused(Duration.ofMillis((Long) reply.get(1)));
        }
        return new Report(
                new UserStatus(
                        user.userId(),
                        Status.parse("status", (String) reply.get(1)),
                        Instant.ofEpochMilli((Long) reply.get(2)),
                        (Long) reply.get(3)),
                Duration.ZERO);
    }

    /** Queues the user's entry in the tenant's index of known users: later, never earlier. */
    private void seen(AbstractPipeline pipeline, UserRef user, Instant now) {
        String index = RedisKeys.recentUsers(user.tenant());
        pipeline.zadd(
                index,
                now.toEpochMilli(),
                user.userId(),
                ZAddParams.zAddParams().gt());
        pipeline.pexpire(index, retentionMs);
    }

    /** One pipelined round trip for all of them, which also rewrites the node's set of devices. */
    @Override
    public Set<DeviceKey> refresh(String node, Collection<DeviceKey> devices, Instant expiresAt, Instant now) {
        if (devices.isEmpty()) {
            return Set.of();
        }
        String nodeKey = RedisKeys.nodeDevices(node);
        Map<DeviceKey, Response<Object>> replies = new LinkedHashMap<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                pipeline.del(nodeKey);
                for (DeviceKey key : devices) {
                    UserRef user = key.user();
                    String member = RedisKeys.member(user.tenant(), user.userId(), key.deviceId());
                    replies.put(
                            key,
                            pipeline.evalsha(
                                    refresh.sha(),
                                    List.of(RedisKeys.userStatus(user.tenant(), user.userId())),
                                    List.of(
                                            key.deviceId(),
                                            node,
                                            Long.toString(expiresAt.toEpochMilli()),
                                            Long.toString(now.toEpochMilli()),
                                            Long.toString(retentionMs))));
                    pipeline.zadd(RedisKeys.DEVICE_EXPIRIES, expiresAt.toEpochMilli(), member);
                    pipeline.sadd(nodeKey, member);
                    seen(pipeline, user, now);
                }
                pipeline.pexpire(
                        nodeKey, Math.max(1, Duration.between(now, expiresAt).toMillis() * 2));
                pipeline.sync();
            }
            return null;
        });
        Set<DeviceKey> missing = new HashSet<>();
        replies.forEach((key, reply) -> {
            if ((Long) reply.get() == 0) {
                missing.add(key);
            }
        });
        return missing;
    }

    @Override
    public boolean release(DeviceKey key, String node, Instant now) {
        UserRef user = key.user();
        return scripts.run(() -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<Object> released = pipeline.evalsha(
                        release.sha(),
                        List.of(RedisKeys.userStatus(user.tenant(), user.userId())),
                        List.of(
                                key.deviceId(),
                                node,
                                Long.toString(now.toEpochMilli()),
                                RedisKeys.STATUS_CHANNEL,
                                user.tenant(),
                                user.userId(),
                                Long.toString(retentionMs)));
                pipeline.srem(
                        RedisKeys.nodeDevices(node), RedisKeys.member(user.tenant(), user.userId(), key.deviceId()));
                seen(pipeline, user, now);
                pipeline.sync();
                return (Long) released.get() == 1;
            }
        });
    }

    @Override
    public int clearNode(String node, Instant now) {
        String nodeKey = RedisKeys.nodeDevices(node);
        Set<String> members = scripts.run(() -> jedis.smembers(nodeKey));
        int removed = 0;
        for (String member : members) {
            String[] parts = RedisKeys.parts(member);
            removed += release(new DeviceKey(new UserRef(parts[0], parts[1]), parts[2]), node, now) ? 1 : 0;
        }
        scripts.run(() -> jedis.del(nodeKey));
        return removed;
    }

    /**
     * Two pipelined round trips for up to {@code limit} due devices: {@code status_sweep.lua} once per
     * user, then the due members dropped from the index unless a report moved them meanwhile.
     */
    @Override
    public int sweep(Instant now, int limit) {
        long nowMs = now.toEpochMilli();
        List<String> due = scripts.run(() -> jedis.zrangeByScore(RedisKeys.DEVICE_EXPIRIES, 0, nowMs, 0, limit));
        if (due.isEmpty()) {
            return 0;
        }
        Set<UserRef> users = new LinkedHashSet<>();
        due.forEach(member -> {
            String[] parts = RedisKeys.parts(member);
            users.add(new UserRef(parts[0], parts[1]));
        });
        List<Response<Object>> replies = new ArrayList<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (UserRef user : users) {
                    replies.add(pipeline.evalsha(
                            sweep.sha(),
                            List.of(RedisKeys.userStatus(user.tenant(), user.userId())),
                            List.of(Long.toString(nowMs), RedisKeys.STATUS_CHANNEL, user.tenant(), user.userId())));
                }
                List<String> args = new ArrayList<>(due.size() + 1);
                args.add(Long.toString(nowMs));
                args.addAll(due);
                pipeline.evalsha(unindex.sha(), List.of(RedisKeys.DEVICE_EXPIRIES), args);
                pipeline.sync();
            }
            return null;
        });
        return replies.stream()
                .mapToInt(reply -> (int) (long) (Long) reply.get())
                .sum();
    }

    /** One pipelined round trip: each user's hash, read as the scripts would settle it at {@code now}. */
    @Override
    public Map<String, UserStatus> statuses(String tenant, Collection<String> userIds, Instant now) {
        Map<String, Response<Map<String, String>>> replies = new LinkedHashMap<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String id : userIds) {
                    replies.put(id, pipeline.hgetAll(RedisKeys.userStatus(tenant, id)));
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, UserStatus> found = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            UserStatus status = StatusCodec.status(id, reply.get(), now, retentionMs);
            if (status != null) {
                found.put(id, status);
            }
        });
        return found;
    }

    @Override
    public List<String> recentUsers(String tenant, int limit, Instant now) {
        String index = RedisKeys.recentUsers(tenant);
        long oldest = now.toEpochMilli() - retentionMs;
        return scripts.run(() -> {
            jedis.zremrangeByScore(index, "-inf", "(" + oldest);
            return jedis.zrevrangeByScore(index, "+inf", Long.toString(oldest), 0, limit);
        });
    }

    @Override
    public void addStatusListener(Consumer<StatusChanged> listener) {
        listeners.add(listener);
    }

    /** True while Redis confirms the subscription: changes made from then on reach this node. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void deliver(String message) {
        StatusChanged change;
        try {
            change = StatusCodec.change(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a malformed status change on " + RedisKeys.STATUS_CHANNEL, e);
            return;
        }
        for (Consumer<StatusChanged> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "status listener failed for user " + change.status().userId(),
                        e);
            }
        }
    }

    @Override
    public void close() {
        listeners.clear();
        subscription.close();
    }
}
