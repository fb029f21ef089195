package io.presence.infrastructure.redis;

import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Opens the pool of connections a node keeps to Redis. A node opens one and hands it to every Redis
 * adapter (the presence store, the participant store and the resource event bus); the adapters never
 * close it, whoever opened it does. Tests and benchmarks that need a client open theirs here too, so
 * that they run with the node's settings.
 */
public final class RedisConnections {

    private static final Logger LOG = Logger.getLogger(RedisConnections.class.getName());

    /** Connections of one pool at most, the two pub/sub subscriptions of a node included. */
    public static final int MAX_CONNECTIONS = 64;

    /** How long a command waits for its reply, and a caller for a free connection of the pool. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisConnections() {}

    /**
     * A pool sized for a busy node: up to {@value #MAX_CONNECTIONS} connections, opened on demand and
     * kept while idle; a caller waits at most 2 s for a free one and a command at most 2 s for its reply.
     *
     * @param url e.g. {@code redis://127.0.0.1:6379/0}, {@code rediss://} for TLS,
     *     {@code redis://user:password@host:port/db} for ACLs
     */
    public static JedisPooled pool(String url) {
        URI uri = URI.create(url);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(4);
        pool.setMaxWait(TIMEOUT);
        pool.setJmxEnabled(false);
        JedisPooled jedis = new JedisPooled(pool, uri, (int) TIMEOUT.toMillis());
        // host and port only: the URL may carry a password
        LOG.info(() -> "opened a Redis connection pool of up to " + MAX_CONNECTIONS + " connections to "
                + JedisURIHelper.getHostAndPort(uri));
        return jedis;
    }
}
