package io.presence.infrastructure.redis;

import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.events.ResourceEvent;
import io.presence.core.events.ResourceEventCodec;
import io.presence.core.events.ResourceEventListeners;
import io.presence.core.events.ResourceEvents;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link ResourceEvents} over a Redis pub/sub channel ({@value #CHANNEL}), shared by every node on the
 * same Redis. Messages are JSON ({@link ResourceEventCodec}). The publishing node receives its own
 * event through the channel like every other node, so each listener sees each event exactly once.
 *
 * <p>{@link #publish} fails with {@link StoreUnavailableException} when Redis cannot be reached, and
 * also while this node's own subscription is not (yet, or again) confirmed: pub/sub keeps nothing, so
 * an event published then would be lost at least for this node. A REST publisher gets 503 and the
 * Kafka consumer does not commit the record and retries it.
 */
public final class RedisResourceEvents implements ResourceEvents {

    /** The channel resource events travel on. */
    public static final String CHANNEL = "presence:events";

    private static final Logger LOG = Logger.getLogger(RedisResourceEvents.class.getName());

    private final JedisPooled jedis;
    private final String channel;
    private final ResourceEventListeners listeners = new ResourceEventListeners();
    private final RedisSubscription subscription;

    /**
     * @param jedis the node's connection pool; shared with its other Redis adapters, not closed here.
     *     The subscription holds one of its connections while this bus is open.
     */
    public RedisResourceEvents(JedisPooled jedis, String channel) {
        this.jedis = jedis;
        this.channel = channel;
        this.subscription = new RedisSubscription(jedis, channel, this::deliver);
    }

    @Override
    public void publish(ResourceEvent event) {
        if (!subscription.isSubscribed()) {
            throw new StoreUnavailableException("the resource event bus is not subscribed to Redis yet; retry", null);
        }
        try {
            jedis.publish(channel, ResourceEventCodec.encode(event));
        } catch (JedisException e) {
            throw new StoreUnavailableException(
                    "Redis is unavailable, the event was not published: " + e.getMessage(), e);
        }
    }

    @Override
    public void addListener(Consumer<ResourceEvent> listener) {
        listeners.add(listener);
    }

    /** True once Redis confirmed the subscription: events published from then on reach this node. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void deliver(String message) {
        ResourceEvent event;
        try {
            event = ResourceEventCodec.decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a malformed resource event on " + channel, e);
            return;
        }
        listeners.deliver(event);
    }

    @Override
    public void close() {
        listeners.clear();
        subscription.close();
    }
}
