package io.presence.infrastructure.redis;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Receives the diffs that the Lua scripts of every node publish and hands them to this node's
 * listeners, in channel order (which is sequence order per record). Runs on one daemon thread that
 * resubscribes with a capped backoff when Redis goes away.
 *
 * <p>Message format: {@code seq US kind US reason US tenant:type:id US tabId US encoded tab}, kind
 * being {@code J}, {@code U} or {@code L}.
 */
final class RedisDiffSubscriber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisDiffSubscriber.class.getName());
    private static final String SEP = String.valueOf(TabCodec.SEPARATOR);

    private final JedisPooled jedis;
    private final String channel;
    private final List<Consumer<PresenceDiff>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean subscribed;
    private final JedisPubSub pubSub = new JedisPubSub() {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            subscribed = true;
        }

        @Override
        public void onMessage(String channel, String message) {
            deliver(message);
        }
    };

    RedisDiffSubscriber(JedisPooled jedis, String channel) {
        this.jedis = jedis;
        this.channel = channel;
        this.thread = new Thread(this::run, "presence-redis-diffs");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void addListener(Consumer<PresenceDiff> listener) {
        listeners.add(listener);
    }

    boolean isSubscribed() {
        return subscribed;
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try {
                jedis.subscribe(pubSub, channel);
                backoffMs = 100;
            } catch (JedisException e) {
                subscribed = false;
                if (!running) {
                    return;
                }
                LOG.log(
                        Level.WARNING,
                        "presence diff subscription lost, retrying in " + backoffMs + " ms: " + e.getMessage());
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private void deliver(String message) {
        PresenceDiff diff;
        try {
            diff = decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a malformed presence diff on " + channel, e);
            return;
        }
        for (Consumer<PresenceDiff> listener : listeners) {
            try {
                listener.accept(diff);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence diff listener failed for " + diff.ref(), e);
            }
        }
    }

    static PresenceDiff decode(String message) {
        String[] f = message.split(SEP, 6);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields in a diff message");
        }
        PresenceDiff.Kind kind =
                switch (f[1]) {
                    case "J" -> PresenceDiff.Kind.JOIN;
                    case "U" -> PresenceDiff.Kind.UPDATE;
                    case "L" -> PresenceDiff.Kind.LEAVE;
                    default -> throw new IllegalArgumentException("unknown diff kind " + f[1]);
                };
        ResourceRef ref = RedisKeys.parseRef(f[3]);
        TabPresence tab = TabCodec.decode(f[4], f[5]);
        return new PresenceDiff(ref, Long.parseLong(f[0]), kind, tab, f[2].isEmpty() ? null : f[2]);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (JedisException e) {
            LOG.log(Level.FINE, "unsubscribe on close failed", e);
        }
        thread.interrupt();
    }
}
