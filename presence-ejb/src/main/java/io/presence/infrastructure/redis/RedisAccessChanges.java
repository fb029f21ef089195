package io.presence.infrastructure.redis;

import io.presence.api.model.ResourceRef;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.presence.AccessChanges;
import io.presence.core.status.ChangeListeners;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link AccessChanges} over the Redis pub/sub channel {@value RedisKeys#ACCESS_CHANNEL}, shared by every
 * node on the same Redis; a message is the record, {@code tenant:type:id}. The announcing node receives
 * its own announcement through the channel like every other node.
 *
 * <p>{@link #announce} fails while this node's subscription is not confirmed, as
 * {@link RedisResourceEvents#publish} does: pub/sub keeps nothing, so the announcement would be lost at
 * least for this node. The caller answers 503 and the change is made again.
 */
public final class RedisAccessChanges implements AccessChanges {

    private static final Logger LOG = Logger.getLogger(RedisAccessChanges.class.getName());

    private final JedisPooled jedis;
    private final ChangeListeners<ResourceRef> listeners = new ChangeListeners<>();
    private final RedisSubscription subscription;

    /** @param jedis the node's connection pool, shared with its other Redis adapters and not closed here */
    public RedisAccessChanges(JedisPooled jedis) {
        this.jedis = jedis;
        this.subscription = new RedisSubscription(jedis, RedisKeys.ACCESS_CHANNEL, this::deliver);
    }

    @Override
    public void announce(ResourceRef ref) {
        if (!subscription.isSubscribed()) {
            throw new StoreUnavailableException("the access change bus is not subscribed to Redis yet; retry", null);
        }
        try {
            jedis.publish(RedisKeys.ACCESS_CHANNEL, ref.toString());
        } catch (JedisException e) {
            throw new StoreUnavailableException(
                    "Redis is unavailable, the access change was not announced: " + e.getMessage(), e);
        }
    }

    @Override
    public void addListener(Consumer<ResourceRef> listener) {
        listeners.add(listener);
    }

    /** True once Redis confirmed the subscription: announcements from then on reach this node. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void deliver(String message) {
        ResourceRef ref;
        try {
            ref = RedisKeys.parseRef(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a malformed access change on " + RedisKeys.ACCESS_CHANNEL, e);
            return;
        }
        listeners.deliver(ref);
    }

    @Override
    public void close() {
        listeners.clear();
        subscription.close();
    }
}
