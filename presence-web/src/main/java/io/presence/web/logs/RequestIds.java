package io.presence.web.logs;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the request the current thread handles, for the log: java.util.logging has no mapped
 * diagnostic context, so {@link RequestIdFilter} sets it here for the duration of a request and {@link
 * JsonLogFormatter} reads it while it formats a record on the same thread.
 */
public final class RequestIds {

    /** What a client may send as its own request id; anything else is replaced by a fresh one. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {}

    /** The id of the request this thread handles, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    /** The client's id when it is an acceptable one, else a new random one. */
    static String of(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    static void set(String id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }
}
