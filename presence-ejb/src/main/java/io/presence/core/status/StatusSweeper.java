package io.presence.core.status;

import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code presence.sweep-interval-ms}, removes the devices that stopped reporting (their users go
 * offline or change status, and watchers are told) and the typing that lapsed. Every node runs one; the
 * stores' atomic removal makes sure each change is emitted once. While a store is unavailable it logs
 * once and keeps trying.
 */
@ApplicationScoped
public class StatusSweeper {

    private static final Logger LOG = Logger.getLogger(StatusSweeper.class.getName());
    private static final int BATCH = 500;

    @Inject
    StatusStore statuses;

    @Inject
    TypingStore typing;

    @Inject
    PresenceSettings settings;

    private ScheduledExecutorService executor;
    private volatile boolean failing;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "presence-status-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            Instant now = Instant.now();
            while (typing.sweep(now, BATCH) >= BATCH) {
                // a full batch: more may be due
            }
            while (statuses.sweep(now, BATCH) >= BATCH) {
                // a full batch: more may be due
            }
            if (failing) {
                LOG.info("status sweeper: the store is reachable again");
                failing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!failing) {
                LOG.warning("status sweeper: " + e.getMessage() + "; retrying every sweep interval");
                failing = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "status sweeper failed; it keeps running", e);
        }
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
