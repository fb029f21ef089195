package io.presence.core.presence;

import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.StoreUnavailableException;
import io.presence.core.status.StatusStore;
import io.presence.core.status.TypingStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes expired tabs every {@code presence.sweep-interval-ms} so that watchers get their leave
 * diffs even when nobody reads the record; in the same round, the devices that stopped reporting (their
 * users' status changes) and the typing that lapsed. Every node runs one; the stores' atomic removal
 * makes sure each change is emitted once. While a store is unavailable it logs once and keeps trying.
 */
@ApplicationScoped
public class PresenceSweeper {

    private static final Logger LOG = Logger.getLogger(PresenceSweeper.class.getName());
    private static final int BATCH = 500;

    @Inject
    PresenceStore store;

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
            Thread thread = new Thread(runnable, "presence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            Instant now = Instant.now();
            for (Sweep sweep : List.<Sweep>of(store::sweep, typing::sweep, statuses::sweep)) {
                while (sweep.removed(now, BATCH) >= BATCH) {
                    // a full batch: more may be due
                }
            }
            if (failing) {
                LOG.info("presence sweeper: the store is reachable again");
                failing = false;
            }
        } catch (StoreUnavailableException e) {
            if (!failing) {
                LOG.warning("presence sweeper: " + e.getMessage() + "; retrying every sweep interval");
                failing = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "presence sweeper failed; it keeps running", e);
        }
    }

    /** One store's sweep: removes about {@code limit} lapsed entries, returns how many it removed. */
    @FunctionalInterface
    private interface Sweep {
        int removed(Instant now, int limit);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
