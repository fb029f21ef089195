package io.presence.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
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
 * Usage: {@code RestHeartbeatBenchmark <base-url> <redis-url> [seconds=15] [threads=32] [records=1000]}.
 * Only loopback targets are accepted.
 */
public final class RestHeartbeatBenchmark {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    private final URI base;
    private final int seconds;
    private final int threads;
    private final int records;
    private final List<String> tokens = new ArrayList<>();

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
        IntFunction<HttpRequest> whoami = n -> request("api/v1/whoami", n).GET().build();
        AtomicLong tabCounter = new AtomicLong();
        IntFunction<HttpRequest> heartbeat = n -> {
            long tab = tabCounter.incrementAndGet() % (records * 4L);
            return request("api/v1/presence/work_order/WO-" + (tab % records) + "/heartbeat", (int) (tab % threads))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"tab_id\":\"tab-" + tab + "\",\"mode\":\"view\",\"dirty\":false}"))
                    .build();
        };
        System.out.println("warming up for " + seconds + " s");
        closedLoop(heartbeat, seconds);
        closedLoop(whoami, seconds);

        double noopRate = closedLoop(whoami, seconds);
        Map<String, Long> before = redis.calls();
        long completedBefore = completedRequests;
        double heartbeatRate = closedLoop(heartbeat, seconds);
        long heartbeats = completedRequests - completedBefore;
        Map<String, Long> after = redis.calls();

        double target = noopRate / 2;
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
                "| requests measured at that rate | %d | %d |%n", noopLatency.count(), heartbeatLatency.count());
        System.out.printf("%nRedis commands per heartbeat over %d heartbeats (INFO commandstats):%n", heartbeats);
        for (String command : List.of("evalsha", "zadd", "hget", "hset", "pexpire", "incr", "publish")) {
            long calls = after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
            System.out.printf("  %-8s %.3f%n", command, (double) calls / heartbeats);
        }
        System.out.println("  (evalsha and zadd are sent together in one pipeline: one round trip;"
                + " the others run inside the script)");
        http.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
    }

    private volatile long completedRequests;

    /** Requests per second that {@code threads} clients reach, each sending its next request on completion. */
    private double closedLoop(IntFunction<HttpRequest> requests, int durationSeconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            final int client = t;
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> response =
                                http.send(requests.apply(client), HttpResponse.BodyHandlers.ofString());
                        (response.statusCode() == 200 ? done : failed).incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(durationSeconds + 30L, TimeUnit.SECONDS);
        if (failed.get() > 0) {
            System.out.println("  " + failed.get() + " requests failed");
        }
        completedRequests += done.get();
        return done.get() / (double) durationSeconds;
    }

    /** Latencies at a fixed arrival rate, each measured from its intended start. */
    private Latencies openLoop(IntFunction<HttpRequest> requests, double rate, int durationSeconds) {
        Latencies latencies = new Latencies();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long count = (long) (rate * durationSeconds);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(http.sendAsync(requests.apply((int) (i % threads)), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> latencies.add((System.nanoTime() - intended) / 1000)));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        return latencies;
    }

    private HttpRequest.Builder request(String path, int client) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.get(client % tokens.size()))
                .header("Content-Type", "application/json");
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
