package io.presence.core.presence;

import io.presence.core.errors.PresenceException;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.metrics.Counters;
import java.util.Locale;
import java.util.Map;

/**
 * Counts heartbeats by channel ({@code rest}, or {@code websocket} for the tabs of connections) and
 * outcome: {@code joined}, {@code updated}, {@code refreshed}, {@code refused} (invalid, forbidden or
 * unknown record) or {@code store_unavailable}. Every counter is resolved once, so a heartbeat costs
 * one increment.
 */
final class HeartbeatCounts {

    static final String HEARTBEATS = "presence_heartbeats";

    private static final int REFUSED = HeartbeatOutcome.values().length;
    private static final int STORE_UNAVAILABLE = REFUSED + 1;

    private final Counters.Counter[] rest;
    private final Counters.Counter[] websocket;

    HeartbeatCounts(Counters metrics) {
        this.rest = resolve(metrics, "rest");
        this.websocket = resolve(metrics, "websocket");
    }

    void counted(boolean overRest, HeartbeatOutcome outcome) {
        (overRest ? rest : websocket)[outcome.ordinal()].increment();
    }

    void refused(boolean overRest, PresenceException e) {
        (overRest ? rest : websocket)[e instanceof StoreUnavailableException ? STORE_UNAVAILABLE : REFUSED].increment();
    }

    private static Counters.Counter[] resolve(Counters metrics, String channel) {
        Counters.Counter[] counters = new Counters.Counter[STORE_UNAVAILABLE + 1];
        for (HeartbeatOutcome outcome : HeartbeatOutcome.values()) {
            counters[outcome.ordinal()] =
                    counter(metrics, channel, outcome.name().toLowerCase(Locale.ROOT));
        }
        counters[REFUSED] = counter(metrics, channel, "refused");
        counters[STORE_UNAVAILABLE] = counter(metrics, channel, "store_unavailable");
        return counters;
    }

    private static Counters.Counter counter(Counters metrics, String channel, String outcome) {
        return metrics.counter(HEARTBEATS, Map.of("channel", channel, "outcome", outcome));
    }
}
