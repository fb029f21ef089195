package io.presence.infrastructure.redis;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One Redis pub/sub channel, read on its own daemon thread and handed message by message to a
 * consumer, in channel order. When Redis goes away the thread resubscribes with a capped backoff
 * (100 ms doubling to 5 s); messages published meanwhile are lost, as pub/sub does not keep them.
 */
final class RedisSubscription implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisSubscription.class.getName());

    private final JedisPooled jedis;
    private final String channel;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean subscribed;
    private final JedisPubSub pubSub;

    RedisSubscription(JedisPooled jedis, String channel, Consumer<String> onMessage) {
        this.jedis = jedis;
        this.channel = channel;
        this.pubSub = new JedisPubSub() {
            @Override
            public void onSubscribe(String name, int count) {
                subscribed = true;
            }

            @Override
            public void onMessage(String name, String message) {
                onMessage.accept(message);
            }
        };
        this.thread = new Thread(this::listen, "presence-redis-" + channel.replace(':', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    /** True while the subscription is confirmed by Redis. */
    boolean isSubscribed() {
        return subscribed;
    }

    private void listen() {
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
                LOG.warning(
                        "subscription to " + channel + " lost, retrying in " + backoffMs + " ms: " + e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
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
            LOG.log(Level.FINE, "unsubscribe from " + channel + " on close failed", e);
        }
        thread.interrupt();
    }
}
