package io.presence.core.hub;

import java.util.function.Supplier;

/**
 * The encoding of one message, made by the first recipient's transport and reused by every other: a
 * diff to a room of 500 is rendered and framed once, not 500 times. One slot, keyed by the encoder; a
 * second wire protocol on the same message encodes its own copy without caching it.
 */
public final class Memo {

    private Object key;
    private Object value;

    /** The cached value for {@code key}, or {@code encode}'s result, cached if the slot is free. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object key, Supplier<T> encode) {
        if (this.key == key) {
            return (T) value;
        }
        T encoded = encode.get();
        if (this.key == null) {
            this.key = key;
            this.value = encoded;
        }
        return encoded;
    }
}
