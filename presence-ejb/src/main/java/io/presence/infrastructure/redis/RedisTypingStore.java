package io.presence.infrastructure.redis;

import io.presence.core.status.TypingChanged;
import io.presence.core.status.TypingStore;
import io.presence.core.status.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;

/**
 * {@link TypingStore} on Redis: per user a hash of the conversations they type in, each to the time it
 * lapses, changed by {@code typing.lua}; every typing is also in {@value RedisKeys#TYPING_EXPIRIES} for
 * the sweep. Starts and stops travel on {@value RedisKeys#TYPING_CHANNEL} as
 * {@code tenant US user US conversation US 1|0}.
 */
public final class RedisTypingStore implements TypingStore {

    private static final Logger LOG = Logger.getLogger(RedisTypingStore.class.getName());
    private static final String SEP = String.valueOf(TabCodec.SEPARATOR);

    private final JedisPooled jedis;
    private final LuaScript typing = LuaScript.load("typing");
    private final LuaScript sweep = LuaScript.load("typing_sweep");
    private final LuaScript unindex = LuaScript.load("unindex");
    private final RedisScripts scripts;
    private final List<Consumer<TypingChanged>> listeners = new CopyOnWriteArrayList<>();
    private final RedisSubscription subscription;

    /** @param jedis the node's connection pool, shared with its other Redis adapters and not closed here */
    public RedisTypingStore(JedisPooled jedis) {
        this.jedis = jedis;
        this.scripts = new RedisScripts(jedis, RedisKeys.TYPING_EXPIRIES, typing, sweep, unindex);
        this.subscription = new RedisSubscription(jedis, RedisKeys.TYPING_CHANNEL, this::deliver);
    }

    /** One pipelined round trip: the script and, for a start or refresh, the typing's expiry entry. */
    @Override
    public boolean typing(UserRef user, String conversationId, Instant until, Instant now) {
        return scripts.run(() -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<Object> changed = pipeline.evalsha(
                        typing.sha(),
                        List.of(RedisKeys.userTyping(user.tenant(), user.userId())),
                        List.of(
                                conversationId,
                                until == null ? "0" : Long.toString(until.toEpochMilli()),
                                Long.toString(now.toEpochMilli()),
                                RedisKeys.TYPING_CHANNEL,
                                user.tenant(),
                                user.userId()));
                if (until != null) {
                    pipeline.zadd(
                            RedisKeys.TYPING_EXPIRIES,
                            until.toEpochMilli(),
                            RedisKeys.member(user.tenant(), user.userId(), conversationId));
                }
                pipeline.sync();
                return (Long) changed.get() == 1;
            }
        });
    }

    @Override
    public Map<String, Map<String, Instant>> typingIn(String tenant, Collection<String> userIds, Instant now) {
        Map<String, Response<Map<String, String>>> replies = new LinkedHashMap<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String id : userIds) {
                    replies.put(id, pipeline.hgetAll(RedisKeys.userTyping(tenant, id)));
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, Map<String, Instant>> found = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            Map<String, Instant> live = new LinkedHashMap<>();
            reply.get().forEach((conversation, until) -> {
                Instant at = Instant.ofEpochMilli(Long.parseLong(until));
                if (at.isAfter(now)) {
                    live.put(conversation, at);
                }
            });
            if (!live.isEmpty()) {
                found.put(id, live);
            }
        });
        return found;
    }

    /** Two round trips for up to {@code limit} due typings: the due ones, then each ended and unindexed. */
    @Override
    public int sweep(Instant now, int limit) {
        long nowMs = now.toEpochMilli();
        List<String> due = scripts.run(() -> jedis.zrangeByScore(RedisKeys.TYPING_EXPIRIES, 0, nowMs, 0, limit));
        if (due.isEmpty()) {
            return 0;
        }
        List<Response<Object>> replies = new ArrayList<>();
        scripts.run(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String member : due) {
                    String[] parts = RedisKeys.parts(member);
                    replies.add(pipeline.evalsha(
                            sweep.sha(),
                            List.of(RedisKeys.userTyping(parts[0], parts[1])),
                            List.of(parts[2], Long.toString(nowMs), RedisKeys.TYPING_CHANNEL, parts[0], parts[1])));
                }
                List<String> args = new ArrayList<>(due.size() + 1);
                args.add(Long.toString(nowMs));
                args.addAll(due);
                pipeline.evalsha(unindex.sha(), List.of(RedisKeys.TYPING_EXPIRIES), args);
                pipeline.sync();
            }
            return null;
        });
        return replies.stream()
                .mapToInt(reply -> (int) (long) (Long) reply.get())
                .sum();
    }

    @Override
    public void addTypingListener(Consumer<TypingChanged> listener) {
        listeners.add(listener);
    }

    /** True while Redis confirms the subscription: changes made from then on reach this node. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void deliver(String message) {
        String[] f = message.split(SEP, 4);
        if (f.length != 4) {
            LOG.warning("skipping a malformed typing change on " + RedisKeys.TYPING_CHANNEL);
            return;
        }
        TypingChanged change = new TypingChanged(f[0], f[1], f[2], f[3].equals("1"));
        for (Consumer<TypingChanged> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "typing listener failed for user " + change.userId(), e);
            }
        }
    }

    @Override
    public void close() {
        listeners.clear();
        subscription.close();
    }
}
