package io.presence.testing;

import java.util.Optional;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/** Redis in a container, when this machine has a Docker engine. */
final class DockerRedis {

    private static final Logger LOG = Logger.getLogger(DockerRedis.class.getName());

    private DockerRedis() {}

    static Optional<RedisTestServer> tryStart() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            LOG.info("no Docker engine: Redis for tests runs as a local process");
            return Optional.empty();
        }
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
        return Optional.of(
                RedisTestServer.ofContainer(redis, "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379)));
    }

    static void stop(Object container) {
        ((GenericContainer<?>) container).stop();
    }
}
