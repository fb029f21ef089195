package io.presence.infrastructure.redis;

import io.presence.api.model.PresenceDiff;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.records.StateDiff;
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
    private final List<Consumer<StateDiff>> stateListeners = new CopyOnWriteArrayList<>();
    private final RedisSubscription subscription;

    RedisDiffSubscriber(JedisPooled jedis, String channel) {
        this.channel = channel;
        this.subscription = new RedisSubscription(jedis, channel, this::deliver);
    }

    void addListener(Consumer<PresenceDiff> listener) {
        listeners.add(listener);
    }

    void addStateListener(Consumer<StateDiff> listener) {
        stateListeners.add(listener);
    }

    boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    private void deliver(String message) {
        Object diff;
        try {
            diff = isStateDiff(message) ? decodeState(message) : decode(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a malformed presence diff on " + channel, e);
            return;
        }
        if (diff instanceof StateDiff state) {
            notify(stateListeners, state, state.ref());
        } else {
            PresenceDiff tab = (PresenceDiff) diff;
            notify(listeners, tab, tab.ref());
        }
    }

    private static <T> void notify(List<Consumer<T>> targets, T diff, ResourceRef ref) {
        for (Consumer<T> listener : targets) {
            try {
                listener.accept(diff);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence diff listener failed for " + ref, e);
            }
        }
    }

    /** Lock and lifecycle diffs have kind {@code K}, {@code R} or {@code S}; tab diffs J, U or L. */
    private static boolean isStateDiff(String message) {
        int at = message.indexOf(TabCodec.SEPARATOR) + 1;
        char kind = at > 0 && at < message.length() ? message.charAt(at) : ' ';
        return kind == 'K' || kind == 'R' || kind == 'S';
    }

    /**
     * {@code seq US K|R US reason US ref US field US lock value}, or {@code seq US S US reason US ref US
     * version US busyBy US staleUntil}.
     */
    static StateDiff decodeState(String message) {
        String[] f = message.split(SEP, 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 fields in a state diff message");
        }
        ResourceRef ref = RedisKeys.parseRef(f[3]);
        long seq = Long.parseLong(f[0]);
        String reason = f[2].isEmpty() ? null : f[2];
        if (f[1].equals("S")) {
            String[] l = f[4].split(SEP, 3);
            return new StateDiff(
                    ref, seq, StateDiff.Kind.LIFECYCLE, null, StateCodec.lifecycle(l[0], l[1], l[2]), reason);
        }
        String[] lock = f[4].split(SEP, 2);
        StateDiff.Kind kind = f[1].equals("K") ? StateDiff.Kind.LOCKED : StateDiff.Kind.UNLOCKED;
        return new StateDiff(ref, seq, kind, StateCodec.lock(lock[0], lock[1]), null, reason);
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
