package io.presence.core.limits;

import io.presence.api.model.Caller;
import io.presence.core.config.LimitSettings;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.metrics.Counters;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The REST API's limit per user and tenant ({@code presence.rate-limit.api.*}): a request is admitted
 * or refused before it runs, on whichever node it arrives, through the {@link RateLimiter} port.
 *
 * <p>A refusal is remembered on this node until its wait is over, and further requests of the same
 * user are refused here without asking the store: the store could not answer otherwise, since a
 * refused request never moves a client's allowance and nothing else brings the permit sooner. So a
 * client that hammers while refused costs no store calls.
 *
 * <p>When the store cannot be reached, requests are admitted without a limit: a Redis outage must not
 * turn every call into a refusal, and the calls that need Redis answer 503 on their own. The outage is
 * logged once, and so is the recovery.
 */
@ApplicationScoped
public class ApiThrottle {

    private static final Logger LOG = Logger.getLogger(ApiThrottle.class.getName());
    /** The counter of refused requests and messages, tagged by {@code channel}. */
    public static final String REFUSED_COUNTER = "presence_rate_limited";

    private static final String SCOPE = "api";
    /** Remembered refusals beyond which the expired ones are cleared out. */
    private static final int SWEEP_ABOVE = 10_000;

    @Inject
    RateLimiter limiter;

    @Inject
    LimitSettings settings;

    @Inject
    Counters counters;

    /** When each refused key may ask again, in microseconds since the epoch. */
    private final Map<RateKey, Long> refusedUntil = new ConcurrentHashMap<>();

    private final AtomicBoolean storeDown = new AtomicBoolean();

    /**
     * Takes a permit for one request of {@code caller}; empty when the caller has no limit (or the store
     * is down).
     */
    public Optional<RateDecision> admit(Caller caller) {
        return admit(caller, Instant.now());
    }

    Optional<RateDecision> admit(Caller caller, Instant now) {
        Optional<Rate> rate = caller.inGroup(Publishers.GROUP) ? settings.publisherRate() : settings.apiRate();
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        RateKey key = new RateKey(SCOPE, caller.tenant(), caller.userId());
        long nowMicros = Gcra.micros(now);
        Long until = refusedUntil.get(key);
        if (until != null) {
            if (until > nowMicros) {
                return Optional.of(
                        counted(RateDecision.refused(rate.get(), Duration.of(until - nowMicros, ChronoUnit.MICROS))));
            }
            refusedUntil.remove(key, until);
        }
        RateDecision decision;
        try {
            decision = limiter.take(key, rate.get(), now);
        } catch (StoreUnavailableException e) {
            if (storeDown.compareAndSet(false, true)) {
                LOG.warning("the rate limit store is unavailable; REST requests are admitted without a limit until it"
                        + " returns: " + e.getMessage());
            }
            return Optional.empty();
        }
        if (storeDown.compareAndSet(true, false)) {
            LOG.info("the rate limit store is back; REST requests are limited again");
        }
        if (!decision.allowed()) {
            remember(key, nowMicros + decision.retryAfter().toNanos() / 1_000, nowMicros);
            counted(decision);
        }
        return Optional.of(decision);
    }

    /** Counts a refusal. */
    private RateDecision counted(RateDecision decision) {
        counters.increment(REFUSED_COUNTER, Map.of("channel", "rest"));
        return decision;
    }

    private void remember(RateKey key, long untilMicros, long nowMicros) {
        refusedUntil.put(key, untilMicros);
        if (refusedUntil.size() > SWEEP_ABOVE) {
            refusedUntil.values().removeIf(until -> until <= nowMicros);
        }
    }
}
