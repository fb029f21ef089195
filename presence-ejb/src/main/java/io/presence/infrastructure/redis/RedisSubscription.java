package io.presence.infrastructure.redis;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>The subscription holds one connection of the pool, which it shares with the node's other Redis
 * adapters. {@link #close()} unsubscribes and lets the thread read the confirmation before the
 * connection goes back: a connection handed back with the confirmation unread would give the next
 * command that borrows it the confirmation for a reply. So the thread is never interrupted (Jedis stops
 * reading when it is); a backoff waits on a latch that closing opens.
 */
final class RedisSubscription implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisSubscription.class.getName());

    private final JedisPooled jedis;
    private final String channel;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean subscribed;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private final JedisPubSub pubSub;

    RedisSubscription(JedisPooled jedis, String channel, Consumer<String> onMessage) {
        this.jedis = jedis;
        this.channel = channel;
        this.pubSub = new JedisPubSub() {
            @Override
            public void onSubscribe(String name, int count) {
                subscribed = true;
                if (!running) {
                    unsubscribeOnce(); // closed while subscribing
                }
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
                    if (closed.await(backoffMs, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /** Unsubscribes and waits up to 2 s for the thread to hand its connection back to the pool. */
    @Override
    public void close() {
        running = false;
        closed.countDown();
        if (pubSub.isSubscribed()) {
            unsubscribeOnce();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One UNSUBSCRIBE: a second one's confirmation would stay unread on the connection. */
    private void unsubscribeOnce() {
        if (unsubscribed.compareAndSet(false, true)) {
            try {
                pubSub.unsubscribe();
            } catch (JedisException e) {
                LOG.log(Level.FINE, "unsubscribe from " + channel + " on close failed", e);
            }
        }
    }
}
