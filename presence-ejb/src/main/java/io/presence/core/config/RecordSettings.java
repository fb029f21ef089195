package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The settings of field locks and record lifecycles. Logged once at start-up. */
@ApplicationScoped
public class RecordSettings {

    private static final Logger LOG = Logger.getLogger(RecordSettings.class.getName());

    /**
     * Seconds a field lock lives without its tab heartbeating or being refreshed by its node (default
     * 120, seed 002's lock TTL). A tab that leaves releases its locks at once, whatever the lease.
     */
    @Inject
    @ConfigProperty(name = "presence.locks.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    /**
     * Seconds a record stays stale after a MUTATING event when no MUTATED follows (default 300, seed
     * 002's safety TTL).
     */
    @Inject
    @ConfigProperty(name = "presence.lifecycle.stale-seconds", defaultValue = "300")
    long staleSeconds;

    @PostConstruct
    void log() {
        if (leaseSeconds < 1 || staleSeconds < 1) {
            throw new IllegalStateException(
                    "presence.locks.lease-seconds and presence.lifecycle.stale-seconds must be at least 1");
        }
        LOG.info(() -> "record settings: presence.locks.lease-seconds=" + leaseSeconds
                + ", presence.lifecycle.stale-seconds=" + staleSeconds);
    }

    public Duration lockLease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public Duration staleFor() {
        return Duration.ofSeconds(staleSeconds);
    }

    /** Settings without a container, for tests and tools. */
    public static RecordSettings of(Duration lease, Duration staleFor) {
        RecordSettings settings = new RecordSettings();
        settings.leaseSeconds = lease.toSeconds();
        settings.staleSeconds = staleFor.toSeconds();
        return settings;
    }
}
