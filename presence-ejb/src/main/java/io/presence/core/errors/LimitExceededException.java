package io.presence.core.errors;

import java.util.Map;

/**
 * A cap on how much one client may hold was reached (HTTP 429, WebSocket {@code error}): the request
 * would add a subscription, tab or connection beyond {@code max}. Unlike {@link RateLimitedException}
 * waiting does not help by itself; the client must first give something up (unsubscribe, leave, close
 * a connection). {@code details} name the {@code limit} and its {@code max}.
 */
public class LimitExceededException extends PresenceException {

    /**
     * @param limit the cap's name in {@code details.limit}, e.g. {@code subscriptions}
     * @param max the cap
     * @param scope what the cap counts over, e.g. {@code per connection}
     */
    public LimitExceededException(String limit, int max, String scope) {
        super(429, "limit_exceeded", limit + ": at most " + max + " " + scope, Map.of("limit", limit, "max", max));
    }
}
