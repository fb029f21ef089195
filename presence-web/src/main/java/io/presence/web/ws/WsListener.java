package io.presence.web.ws;

import io.presence.core.config.RealtimeSettings;
import io.presence.core.security.Authenticator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The WebSocket endpoint {@code /api/v1/ws} on a listener of its own ({@code presence.ws.port}), next
 * to the same endpoint on the HTTP listener. Same endpoint class, protocol and behaviour; what differs is
 * the memory an open connection costs: on the HTTP listener the container keeps the upgraded HTTP
 * request (its headers, buffers and servlet objects, about 22 KB) for the life of the connection, while
 * here the connection is moved to a frames-only chain after the handshake and keeps only the TCP
 * connection, the Tyrus session and Presence's own state (docs/performance.md). Use it for nodes that
 * hold many connections; route {@code /api/v1/ws} to this port at the load balancer (docs/operations.md).
 *
 * <p>Built from the Grizzly and Tyrus that Payara Micro already runs: a Grizzly transport whose chain
 * parses only the handshake ({@link HandshakeFilter}) and a Tyrus engine with {@link PresenceSocket}
 * registered; reads are handled on this listener's own worker threads ({@code
 * presence.ws.listener-threads}), which may block on the store as the HTTP listener's threads do.
 */
@ApplicationScoped
public class WsListener {

    private static final Logger LOG = Logger.getLogger(WsListener.class.getName());
    /** The largest handshake request head accepted, in bytes (the token rides in the URL). */
    private static final int MAX_HANDSHAKE_HEADERS = 16 * 1024;

    @Inject
    RealtimeSettings settings;

    @Inject
    Authenticator authenticator;

    @Inject
    PresenceSocket socket;

    @Inject
    WsTimers timers;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory managedThreads;

    private Container container;
    private TCPNIOTransport transport;

    void start() {
        if (settings.listenerPort().isEmpty()) {
            return;
        }
        String host = settings.listenerHost();
        int port = settings.listenerPort().get();
        int threads = settings.listenerThreads();
        PresenceSocket.Shared.bind(socket);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Tyrus finds its component providers, and Grizzly's threads inherit their context, from here.
        thread.setContextClassLoader(WsListener.class.getClassLoader());
        try {
            container = new Container(managedThreads);
            container.register(PresenceSocket.class);
            FilterChain frames = FilterChainBuilder.stateless()
                    .add(new TransportFilter())
                    .add(new FrameFilter())
                    .build();
            FilterChain handshake = FilterChainBuilder.stateless()
                    .add(new TransportFilter())
                    .add(new HttpServerFilter(false, MAX_HANDSHAKE_HEADERS, null, null))
                    .add(new HandshakeFilter(container.getWebSocketEngine(), frames, authenticator, timers))
                    .build();
            transport = TCPNIOTransportBuilder.newInstance()
                    .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                    .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                            .copy()
                            .setPoolName("presence-ws")
                            .setCorePoolSize(threads)
                            .setMaxPoolSize(threads))
                    .setTcpNoDelay(true)
                    .setReuseAddress(true)
                    .build();
            transport.setProcessor(handshake);
            transport.bind(host, port);
            transport.start();
        } catch (IOException | DeploymentException e) {
            stop();
            throw new IllegalStateException(
                    "cannot start the WebSocket listener on " + host + ":" + port + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info(
                () -> "WebSocket listener on " + host + ":" + port + " serves /api/v1/ws with " + threads + " threads");
    }

    @PreDestroy
    void stop() {
        if (transport != null) {
            try {
                transport.shutdownNow();
            } catch (IOException e) {
                LOG.warning(() -> "WebSocket listener did not stop cleanly: " + e.getMessage());
            }
            transport = null;
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    /** The Tyrus container of this listener: an engine with the endpoint, nothing of its own to start. */
    private static final class Container extends TyrusServerContainer {

        private final WebSocketEngine engine;
        private final ScheduledThreadPoolExecutor timers;

        /**
         * @param threads makes the thread of the sessions' timers. Tyrus reschedules a session's idle
         *     timeout on its container's scheduler at every message it receives and at every session it
         *     creates; Payara's managed scheduler, the default, captures the application's context for
         *     each of those tasks with a {@code ServiceLoader} scan of every jar, which was a third of
         *     the node's CPU in a join burst of 4,000 connections (docs/performance.md). A scheduler of
         *     this listener's own, on a managed thread, has no per-task context to capture.
         */
        Container(ThreadFactory threads) {
            super((Set<Class<?>>) null);
            timers = new ScheduledThreadPoolExecutor(1, threads);
            timers.setRemoveOnCancelPolicy(true);
            // Tyrus's default read buffer, as on the HTTP listener: it holds unparsed bytes (a partial
            // frame plus the next read), so it must be larger than the largest message, which the
            // endpoint's maxMessageSize limits (1009); with a bound of one message a read could overflow
            // it and close with 1011 instead. It grows only as far as the bytes waiting need.
            engine = TyrusWebSocketEngine.builder(this).build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "/");
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            return timers;
        }

        @Override
        public void stop() {
            super.stop();
            timers.shutdownNow();
        }
    }
}
