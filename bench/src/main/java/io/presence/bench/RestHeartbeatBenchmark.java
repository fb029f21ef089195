package io.presence.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST heartbeat against an authenticated no-op ({@code GET /api/v1/whoami}) on the same node:
 * <ol>
 *   <li>saturation throughput of each with {@code threads} closed-loop clients;
 *   <li>latency (p50/p99, measured from the intended send time, so queueing counts) of each at a fixed
 *       open-loop rate of half the no-op's throughput;
 *   <li>Redis commands per heartbeat from {@code INFO commandstats}.
 * </ol>
 * Each client is a thread with its own keep-alive HTTP/1.1 connection ({@link RawHttpConnection}), so
 * that the generator's own overhead stays small next to the server's on a shared machine.
 * Usage: {@code RestHeartbeatBenchmark <base-url> <redis-url> [seconds=15] [threads=32] [records=1000]}.
 * Only loopback targets are accepted.
 */
public final class RestHeartbeatBenchmark {

    private static final long SLOW_MICROS = 5_000;
    private static final long BURST_GAP_MICROS = 20_000;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final int seconds;
    private final int threads;
    private final int records;
    private final List<String> tokens = new ArrayList<>();
    private long completedRequests;
    private int phase;

    private RestHeartbeatBenchmark(URI base, int seconds, int threads, int records) {
        this.base = base;
        this.seconds = seconds;
        this.threads = threads;
        this.records = records;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        String redisUrl = args[1];
        requireLoopback(base.getHost());
        requireLoopback(URI.create(redisUrl).getHost());
        RestHeartbeatBenchmark bench = new RestHeartbeatBenchmark(
                base,
                args.length > 2 ? Integer.parseInt(args[2]) : 15,
                args.length > 3 ? Integer.parseInt(args[3]) : 32,
                args.length > 4 ? Integer.parseInt(args[4]) : 1000);
        bench.run(new RedisCommandStats(redisUrl));
    }

    private void run(RedisCommandStats redis) throws Exception {
        for (int i = 0; i < threads; i++) {
            tokens.add(token("bench-user-" + i));
        }
        List<byte[]> whoamiRequests = new ArrayList<>();
        for (String token : tokens) {
            whoamiRequests.add(RawHttpConnection.request("GET", base, "api/v1/whoami", token, null));
        }
        LongFunction<byte[]> whoami = n -> whoamiRequests.get((int) (n % threads));
        LongFunction<byte[]> heartbeat = n -> {
            long tab = n % (records * 4L);
            return RawHttpConnection.request(
                    "POST",
                    base,
                    "api/v1/presence/work_order/WO-" + (tab % records) + "/heartbeat",
                    tokens.get((int) (tab % threads)),
                    "{\"tab_id\":\"tab-" + tab + "\",\"mode\":\"view\",\"dirty\":false}");
        };
        System.out.println("warming up for " + 2 * seconds + " s");
        closedLoop(heartbeat, seconds);
        closedLoop(whoami, seconds);

        double noopRate = closedLoop(whoami, seconds);
        Map<String, Long> before = redis.calls();
        long completedBefore = completedRequests;
        double heartbeatRate = closedLoop(heartbeat, seconds);
        long heartbeats = completedRequests - completedBefore;
        Map<String, Long> after = redis.calls();

        // -Dbench.rate=<req/s> fixes the open-loop rate instead, e.g. to compare servers at one rate
        double target = Double.parseDouble(System.getProperty("bench.rate", String.valueOf(noopRate / 2)));
        Latencies noopLatency = openLoop(whoami, target, seconds);
        Latencies heartbeatLatency = openLoop(heartbeat, target, seconds);

        System.out.printf("%n| measure | no-op (GET /whoami) | heartbeat |%n|---|---|---|%n");
        System.out.printf(
                "| saturation throughput, %d clients | %.0f req/s | %.0f req/s (%.0f%% of no-op) |%n",
                threads, noopRate, heartbeatRate, 100 * heartbeatRate / noopRate);
        System.out.printf(
                "| p50 at %.0f req/s (open loop) | %.2f ms | %.2f ms |%n",
                target, noopLatency.percentileMs(50), heartbeatLatency.percentileMs(50));
        System.out.printf(
                "| p99 at %.0f req/s (open loop) | %.2f ms | %.2f ms |%n",
                target, noopLatency.percentileMs(99), heartbeatLatency.percentileMs(99));
        System.out.printf(
                "| p99.9 / max at that rate | %.2f / %.2f ms | %.2f / %.2f ms |%n",
                noopLatency.percentileMs(99.9),
                noopLatency.percentileMs(100),
                heartbeatLatency.percentileMs(99.9),
                heartbeatLatency.percentileMs(100));
        System.out.printf(
                "| requests measured at that rate | %d | %d |%n", noopLatency.count(), heartbeatLatency.count());
        System.out.printf("%nRedis commands per heartbeat over %d heartbeats (INFO commandstats):%n", heartbeats);
        for (String command : List.of("evalsha", "zadd", "hget", "hset", "pexpire", "hincrby", "publish")) {
            long calls = after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
            System.out.printf("  %-8s %.3f%n", command, (double) calls / heartbeats);
        }
        System.out.println("  (evalsha and zadd are sent together in one pipeline: one round trip;"
                + " the others run inside the script)");
    }

    /**
     * Requests per second that {@code threads} clients reach, each on its own keep-alive connection,
     * sending its next request when the previous answer is read.
     */
    private double closedLoop(LongFunction<byte[]> requests, int durationSeconds) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        runClients(connection -> {
            while (System.nanoTime() < end) {
                exchange(connection, requests.apply(sequence.getAndIncrement()), done, failed);
            }
        });
        report(failed);
        completedRequests += done.get();
        return done.get() / (double) durationSeconds;
    }

    /**
     * Latencies at a fixed arrival rate: request {@code i} is due at {@code start + i / rate}; whichever
     * client is free takes the next due request, and its latency counts from when it was due, so time
     * spent waiting for a free connection (queueing) is part of it.
     */
    private Latencies openLoop(LongFunction<byte[]> requests, double rate, int durationSeconds)
            throws InterruptedException, IOException {
        Latencies latencies = new Latencies();
        Latencies slow = new Latencies();
        AtomicLong ticket = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long count = (long) (rate * durationSeconds);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        runClients(connection -> {
            for (long i = ticket.getAndIncrement(); i < count; i = ticket.getAndIncrement()) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (exchange(connection, requests.apply(i), done, failed)) {
                    long micros = (System.nanoTime() - due) / 1000;
                    latencies.add(micros);
                    if (micros > SLOW_MICROS) {
                        slow.add((due - start) / 1000);
                    }
                }
            }
        });
        report(failed);
        reportSlow(slow.sorted(), latencies.count());
        return latencies;
    }

    /**
     * How the requests slower than {@link #SLOW_MICROS} are spread over the run: many in few short
     * bursts point at stalls of the whole machine (GC, scheduling), spread-out ones at queueing. With
     * {@code -Dbench.slow-log=<prefix>} their due times (ms from the start of the phase) also go to
     * {@code <prefix>-1}, {@code -2}, one file per phase, for plotting.
     */
    private void reportSlow(long[] dues, int measured) throws IOException {
        int bursts = 0;
        long previous = Long.MIN_VALUE;
        for (long due : dues) {
            if (due - previous > BURST_GAP_MICROS) {
                bursts++;
            }
            previous = due;
        }
        System.out.printf(
                "  %d of %d requests over %d ms (%.2f%%), in %d bursts (due times less than %d ms apart)%n",
                dues.length,
                measured,
                SLOW_MICROS / 1000,
                100.0 * dues.length / Math.max(1, measured),
                bursts,
                BURST_GAP_MICROS / 1000);
        phase++;
        String slowLog = System.getProperty("bench.slow-log");
        if (slowLog != null) {
            StringBuilder lines = new StringBuilder();
            for (long due : dues) {
                lines.append(due / 1000.0).append('\n');
            }
            Files.writeString(Path.of(slowLog + "-" + phase), lines);
        }
    }

    private interface Client {
        void run(RawHttpConnection connection) throws IOException;
    }

    /** Runs {@code client} on {@code threads} threads, each with its own connection, and waits for all. */
    private void runClients(Client client) throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try (RawHttpConnection connection = new RawHttpConnection(base)) {
                    client.run(connection);
                } catch (IOException e) {
                    System.out.println("  client stopped: " + e);
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
    }

    private static boolean exchange(RawHttpConnection connection, byte[] request, AtomicLong done, AtomicLong failed)
            throws IOException {
        int status = connection.exchange(request);
        if (status == 200) {
            done.incrementAndGet();
            return true;
        }
        if (failed.incrementAndGet() == 1) {
            System.out.println("  first failure: HTTP " + status);
        }
        return false;
    }

    private static void report(AtomicLong failed) {
        if (failed.get() > 0) {
            System.out.println("  " + failed.get() + " requests failed");
        }
    }

    private String token(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("api/v1/dev/token"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"user_id\":\"" + user + "\",\"tenant\":\"bench\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no dev token (is the node in development mode?): " + response.body());
        }
        return matcher.group(1);
    }

    static void requireLoopback(String host) {
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("benchmarks target this machine only (127.0.0.1), not " + host);
        }
    }
}
