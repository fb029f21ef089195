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

/**
 * Receives the diffs that the Lua scripts of every node publish and hands them to this node's
 * listeners, in channel order (which is sequence order per record), over a {@link RedisSubscription}.
 *
 * <p>Message format: {@code seq US kind US reason US tenant:type:id US tabId US encoded tab}, kind
 * being {@code J}, {@code U} or {@code L}.
 */
final class RedisDiffSubscriber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisDiffSubscriber.class.getName());
    private static final String SEP = String.valueOf(TabCodec.SEPARATOR);

    private final String channel;
    private final List<Consumer<PresenceDiff>> listeners = new CopyOnWriteArrayList<>();
    private final RedisSubscription subscription;

    RedisDiffSubscriber(JedisPooled jedis, String channel) {
        this.channel = channel;
        this.subscription = new RedisSubscription(jedis, channel, this::deliver);
    }

    void addListener(Consumer<PresenceDiff> listener) {
        listeners.add(listener);
    }

    boolean isSubscribed() {
        return subscription.isSubscribed();
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

    @Override
    public void close() {
        subscription.close();
    }
}
