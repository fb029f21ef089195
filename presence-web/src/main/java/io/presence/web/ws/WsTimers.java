package io.presence.web.ws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background threads of the WebSocket layer: periodic jobs (tab refresh, pings), grace timers and
 * closes, which may block on a stalled socket and so never run on a fan-out or client thread. A failing
 * job is logged and keeps its schedule.
 */
@ApplicationScoped
public class WsTimers {

    private static final Logger LOG = Logger.getLogger(WsTimers.class.getName());

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "presence-ws-timer");
        thread.setDaemon(true);
        return thread;
    });

    WsTimers() {
        // Every connection holds a timer until its token expires, hours away: drop it when it closes.
        executor.setRemoveOnCancelPolicy(true);
    }

    public void every(Duration period, String name, Runnable job) {
        long ms = Math.max(1, period.toMillis());
        executor.scheduleWithFixedDelay(() -> run(name, job), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code job} once after {@code delay}; cancel the answer to drop it. */
    public ScheduledFuture<?> after(Duration delay, String name, Runnable job) {
        return executor.schedule(() -> run(name, job), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void now(String name, Runnable job) {
        executor.execute(() -> run(name, job));
    }

    private static void run(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed; it keeps its schedule", e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
