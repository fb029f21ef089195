package io.presence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka 4 broker (KRaft, broker and controller in one) for integration tests, run
 * from {@code org.apache.kafka:kafka_2.13} on the test class path as a separate JVM, so that a test
 * can kill it (an outage) and start it again on the same ports and data. Needs no Docker and no
 * download: only the test dependency. Ports come from {@link TestPorts}. Starts in about 5-10 s.
 *
 * <p>A module that uses it from presence-ejb's test-jar needs the same two test dependencies as
 * presence-ejb: {@code org.apache.kafka:kafka_2.13} and {@code jackson-annotations} 2.21 (which
 * testcontainers would otherwise downgrade, and the broker then exits at start). The broker's output
 * goes to {@code broker.log} in its temporary directory under {@code target/}.
 *
 * <pre>
 * try (KafkaTestBroker kafka = KafkaTestBroker.start()) {
 *     kafka.createTopic("presence.resource-events", 1);
 *     ... kafka.bootstrapServers() ...
 * }
 * </pre>
 */
public final class KafkaTestBroker implements AutoCloseable {

    /** Long enough for a machine busy with several Payara nodes; the broker answers in 5-10 s otherwise. */
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaTestBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Formats a fresh data directory and starts the broker; returns once it answers. */
    public static KafkaTestBroker start() {
        try {
            Path dir = Files.createTempDirectory("kafka-test-");
            int port = TestPorts.free();
            int controllerPort = TestPorts.free();
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(dir, port, controllerPort));
            KafkaTestBroker broker = new KafkaTestBroker(dir, port);
            broker.runToCompletion(List.of(
                    "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic with the given partitions (replication 1) and waits until it exists. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** Kills the broker at once (an outage); its data stays for {@link #restart()}. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker on its ports and data directory and waits until it answers. */
    public void restart() {
        process = java(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), "broker.log");
        Instant deadline = Instant.now().plus(STARTUP);
        try (Admin admin = Admin.create(adminProperties())) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ", see " + dir);
                }
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(2, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(); // nobody else holds it: a broker left running would outlive the test run
        throw new IllegalStateException("Kafka did not answer within " + STARTUP + ", see " + dir);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        return props;
    }

    private void runToCompletion(List<String> mainAndArgs) {
        Process format = java(mainAndArgs, "format.log");
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed, see " + dir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process java(List<String> mainAndArgs, String logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath()));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(logFile).toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainAndArgs.get(0), e);
        }
    }

    /** The test class path (Surefire and Failsafe expose the real one; the JVM's may be a booter jar). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String serverProperties(Path dir, int port, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "");
    }
}
