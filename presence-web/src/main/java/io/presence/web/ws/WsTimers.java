package io.presence.web.ws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "presence-ws-timer");
        thread.setDaemon(true);
        return thread;
    });

    public void every(Duration period, String name, Runnable job) {
        long ms = Math.max(1, period.toMillis());
        executor.scheduleWithFixedDelay(() -> run(name, job), ms, ms, TimeUnit.MILLISECONDS);
    }

    ScheduledFuture<?> after(Duration delay, String name, Runnable job) {
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
