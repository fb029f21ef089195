package io.presence.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of WebSocket push and WebSocket tabs. Logged once at start-up.
 *
 * <p>Relations: the refresh period of WebSocket tabs is a third of {@code presence.tab-ttl-seconds},
 * so a tab survives two lost refreshes; {@code presence.ws.grace-seconds} must stay below the TTL,
 * or the sweeper removes a dropped connection's tabs before its grace period ends.
 */
@ApplicationScoped
public class RealtimeSettings {

    private static final Logger LOG = Logger.getLogger(RealtimeSettings.class.getName());
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    /**
     * This node's id, tagged on the tabs its connections hold. Set it (e.g. to the pod name) to make it
     * stable across restarts: a node then clears the tabs its previous run left. Default: host name
     * plus a random suffix, new on every start.
     */
    @Inject
    @ConfigProperty(name = "presence.node-id")
    Optional<String> nodeId;

    /** Seconds a dropped connection's tabs wait for the same tab to come back (default 5). */
    @Inject
    @ConfigProperty(name = "presence.ws.grace-seconds", defaultValue = "5")
    long graceSeconds;

    /** Seconds between WebSocket ping frames; a connection silent for two periods is closed (default 30). */
    @Inject
    @ConfigProperty(name = "presence.ws.ping-seconds", defaultValue = "30")
    long pingSeconds;

    /** Messages that may wait for one slow client before it is closed with 4008 (default 1000). */
    @Inject
    @ConfigProperty(name = "presence.ws.send-queue-limit", defaultValue = "1000")
    int sendQueueLimit;

    /**
     * How long a client over the send-queue limit has to confirm what it was sent before it is closed as
     * a slow consumer (default 5 s): a client that reads but answers late under a burst keeps up, one
     * that stopped reading is cut off. Four times the limit is cut off at once, whatever the time.
     */
    @Inject
    @ConfigProperty(name = "presence.ws.slow-consumer-ms", defaultValue = "5000")
    long slowConsumerMs;

    /**
     * The port of the WebSocket listener of its own ({@code /api/v1/ws} without the HTTP container's
     * per-connection request state); unset: the endpoint is served on the HTTP listener only.
     */
    @Inject
    @ConfigProperty(name = "presence.ws.port")
    Optional<Integer> listenerPort;

    /** The address the WebSocket listener binds to (default all interfaces). */
    @Inject
    @ConfigProperty(name = "presence.ws.host", defaultValue = "0.0.0.0")
    String listenerHost;

    /** Worker threads of the WebSocket listener, which may block on the store (default 16). */
    @Inject
    @ConfigProperty(name = "presence.ws.listener-threads", defaultValue = "16")
    int listenerThreads;

    /**
     * The most viewers a record snapshot lists (default 50): a larger room's snapshot lists the freshest
     * ones and counts all, and its diffs carry the counts.
     */
    @Inject
    @ConfigProperty(name = "presence.hub.snapshot-viewers", defaultValue = "50")
    int snapshotViewers;

    /** Fan-out threads (default: the number of processors, at least 2). */
    @Inject
    @ConfigProperty(name = "presence.hub.lanes")
    Optional<Integer> lanes;

    /**
     * How often at most a large users room writes to each watcher (default 100 ms), so that each gets
     * the changes since its previous write in one write; 0 writes each change at once.
     */
    @Inject
    @ConfigProperty(name = "presence.hub.batch-ms", defaultValue = "100")
    int batchMs;

    /** The subscribers a tenant's users room must exceed for its changes to be gathered (default 1000). */
    @Inject
    @ConfigProperty(name = "presence.hub.batch-above", defaultValue = "1000")
    int batchAbove;

    private String resolvedNodeId;

    @PostConstruct
    void resolve() {
        resolvedNodeId = nodeId.filter(id -> !id.isBlank()).map(String::trim).orElseGet(RealtimeSettings::generated);
        if (!NODE_ID.matcher(resolvedNodeId).matches()) {
            throw new IllegalStateException(
                    "presence.node-id must be 1-64 letters, digits or . _ ~ -, not '" + resolvedNodeId + "'");
        }
        if (listenerPort.isPresent() && (listenerPort.get() < 1 || listenerPort.get() > 65535)) {
            throw new IllegalStateException("presence.ws.port must be a TCP port (1-65535), not " + listenerPort.get());
        }
        if (batchMs < 0 || batchAbove < 0) {
            throw new IllegalStateException("presence.hub.batch-ms and presence.hub.batch-above must be 0 or more, not "
                    + batchMs + " and " + batchAbove);
        }
        if (listenerThreads < 1) {
            throw new IllegalStateException("presence.ws.listener-threads must be at least 1, not " + listenerThreads);
        }
        LOG.info(() -> "Presence real-time settings: presence.node-id=" + resolvedNodeId
                + (nodeId.isPresent() ? "" : " (generated)") + ", presence.ws.grace-seconds=" + graceSeconds
                + ", presence.ws.ping-seconds=" + pingSeconds + ", presence.ws.send-queue-limit=" + sendQueueLimit
                + ", presence.ws.slow-consumer-ms=" + slowConsumerMs
                + ", presence.hub.snapshot-viewers=" + snapshotViewers + ", presence.hub.lanes=" + lanes()
                + ", presence.hub.batch-ms=" + batchMs + ", presence.hub.batch-above=" + batchAbove
                + ", presence.ws.port=" + listenerPort.map(String::valueOf).orElse("(none: HTTP listener only)")
                + (listenerPort.isPresent()
                        ? ", presence.ws.host=" + listenerHost + ", presence.ws.listener-threads=" + listenerThreads
                        : ""));
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._~-]", "-");
        } catch (UnknownHostException e) {
            host = "node";
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 50 ? host.substring(0, 50) : host) + "-" + suffix;
    }

    public String nodeId() {
        return resolvedNodeId;
    }

    public Duration grace() {
        return Duration.ofSeconds(graceSeconds);
    }

    public Duration pingInterval() {
        return Duration.ofSeconds(pingSeconds);
    }

    public int sendQueueLimit() {
        return sendQueueLimit;
    }

    public Duration slowConsumerAfter() {
        return Duration.ofMillis(slowConsumerMs);
    }

    public Optional<Integer> listenerPort() {
        return listenerPort;
    }

    public String listenerHost() {
        return listenerHost;
    }

    public int snapshotViewers() {
        return snapshotViewers;
    }

    public Duration batch() {
        return Duration.ofMillis(batchMs);
    }

    public int batchAbove() {
        return batchAbove;
    }

    public int lanes() {
        return lanes.orElseGet(() -> Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public int listenerThreads() {
        return listenerThreads;
    }
}
