package io.presence.web.ws;

import io.presence.core.metrics.Counters;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link Connections} measures, on the metrics endpoint: open connections per listener ({@code
 * http} for the endpoint on the HTTP listener, {@code ws} for {@link WsListener}), connections opened,
 * and the server's closes (slow consumers, ping timeouts, expired tokens). Counters are resolved once.
 * The totals are kept here too, for the development endpoint's {@link Connections#stats}.
 */
final class ConnectionMetrics {

    static final String OPEN = "presence_ws_connections";
    static final String OPENED = "presence_ws_connections_opened";
    static final String SLOW_CONSUMERS = "presence_ws_slow_consumers";
    static final String PING_TIMEOUTS = "presence_ws_ping_timeouts";
    static final String TOKEN_EXPIRIES = "presence_ws_token_expiries";

    private final AtomicLong openHttp = new AtomicLong();
    private final AtomicLong openWs = new AtomicLong();
    final AtomicLong opened = new AtomicLong();
    final AtomicLong slowConsumers = new AtomicLong();
    final AtomicLong pingTimeouts = new AtomicLong();
    final AtomicLong tokenExpiries = new AtomicLong();
    private final Counters.Counter openedHttp;
    private final Counters.Counter openedWs;
    private final Counters.Counter slowConsumerCounter;
    private final Counters.Counter pingTimeoutCounter;
    private final Counters.Counter tokenExpiryCounter;

    ConnectionMetrics(Counters metrics) {
        metrics.gauge(OPEN, Map.of("listener", "http"), openHttp::get);
        metrics.gauge(OPEN, Map.of("listener", "ws"), openWs::get);
        openedHttp = metrics.counter(OPENED, Map.of("listener", "http"));
        openedWs = metrics.counter(OPENED, Map.of("listener", "ws"));
        slowConsumerCounter = metrics.counter(SLOW_CONSUMERS, Map.of());
        pingTimeoutCounter = metrics.counter(PING_TIMEOUTS, Map.of());
        tokenExpiryCounter = metrics.counter(TOKEN_EXPIRIES, Map.of());
    }

    void opened(boolean onWsListener) {
        opened.incrementAndGet();
        (onWsListener ? openWs : openHttp).incrementAndGet();
        (onWsListener ? openedWs : openedHttp).increment();
    }

    void closed(boolean onWsListener) {
        (onWsListener ? openWs : openHttp).decrementAndGet();
    }

    void slowConsumer() {
        slowConsumers.incrementAndGet();
        slowConsumerCounter.increment();
    }

    void pingTimeout() {
        pingTimeouts.incrementAndGet();
        pingTimeoutCounter.increment();
    }

    void tokenExpired() {
        tokenExpiries.incrementAndGet();
        tokenExpiryCounter.increment();
    }
}
