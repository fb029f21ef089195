package io.presence.infrastructure.kafka;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/** Asks the Kafka cluster whether it answers, for the readiness check; at most 3 s per call. */
public final class KafkaProbe implements AutoCloseable {

    private final Admin admin;

    public KafkaProbe(Properties adminProperties) {
        this.admin = Admin.create(adminProperties);
    }

    /** True when the cluster answered with at least one broker. */
    public boolean isAvailable() {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(3));
    }
}
