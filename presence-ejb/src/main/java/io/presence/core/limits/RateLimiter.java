package io.presence.core.limits;

import java.time.Instant;

/**
 * Where the allowances of rate limits that hold across nodes live: in this process
 * ({@code presence.store=memory}, one node) or in Redis, shared by every node that shares the tabs.
 *
 * <p>Contract: {@link #take} decides as {@link Gcra} does, atomically: of any number of concurrent
 * takes for one key, on one node or many, no more are granted than the rate allows. A refused take
 * changes nothing. An allowance unused for longer than its burst takes to refill may be forgotten (it is
 * full again anyway). Infrastructure failures surface as
 * {@link io.presence.core.errors.StoreUnavailableException}.
 */
public interface RateLimiter extends AutoCloseable {

    /**
     * Takes one permit of {@code rate} from {@code key}'s allowance at {@code now} (this node's clock;
     * nodes that share a limit should keep their clocks in step, as with NTP: one that runs ahead by a
     * second grants a second's worth of permits early).
     */
    RateDecision take(RateKey key, Rate rate, Instant now);

    @Override
    default void close() {}
}
