package io.presence.core.limits;

import io.presence.core.config.LimitSettings;
import io.presence.core.metrics.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each WebSocket connection its {@link MessageLimiter} ({@code presence.rate-limit.ws.*}) and
 * counts what the limiters refuse and close, by channel ({@code websocket}, {@code ws_presence}).
 *
 * <p>The limit is per connection and a connection lives on one node, so it is decided in that node's
 * memory: no store call per message, the same with the memory store and with Redis. A user with several
 * connections has the limit on each.
 */
@ApplicationScoped
public class MessageLimits {

    /** The counter of connections closed for their refused messages, tagged by {@code channel}. */
    public static final String CLOSED_COUNTER = "presence_rate_limit_closes";

    @Inject
    LimitSettings settings;

    @Inject
    Counters counters;

    /** One policy per channel, shared by all its connections, so that a connection holds two numbers. */
    private final Map<String, MessageLimiter.Policy> policies = new ConcurrentHashMap<>();

    /** A limiter for a new connection of {@code channel}; one that admits everything when there is no limit. */
    public MessageLimiter forConnection(String channel) {
        return settings.messageRate()
                .map(rate -> new MessageLimiter(policies.computeIfAbsent(channel, any -> policy(rate, channel))))
                .orElse(MessageLimiter.UNLIMITED);
    }

    private MessageLimiter.Policy policy(Rate rate, String channel) {
        Map<String, String> tags = Map.of("channel", channel);
        return new MessageLimiter.Policy(
                rate,
                settings.refusalRate(),
                () -> counters.increment(ApiThrottle.REFUSED_COUNTER, tags),
                () -> counters.increment(CLOSED_COUNTER, tags));
    }
}
