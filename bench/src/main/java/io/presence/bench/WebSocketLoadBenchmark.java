package io.presence.bench;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket load generator against running nodes (loopback only). Two modes:
 * <ul>
 *   <li>{@code hold <node-urls> <connections> <records> <seconds>}: opens the connections round-robin
 *       over the nodes, each subscribing to one of {@code records} records, counts the snapshots
 *       received, prints {@code HELD n}, keeps them open (idle) for {@code seconds} so that the caller
 *       can measure server memory, then exits;
 *   <li>{@code latency <watcher-node-urls> <joiner-node-url> <rooms> <room-size> <iterations>}: each room
 *       is a record watched by {@code room-size} connections (round-robin over the watcher nodes); per
 *       iteration one joiner connection per room sends {@code presence} (a join) and every watcher
 *       records the time from the send to the arrival of that join; then the joiner leaves. Prints
 *       p50/p99 in ms.
 * </ul>
 * In {@code hold} the connections are spread over 50 users (tokens) per node, or {@code -Dbench.hold-users}.
 * Node URLs are comma-separated {@code http://127.0.0.1:port}. Several generator processes may run at
 * once (the machine caps open files per process); each prints its own result.
 */
public final class WebSocketLoadBenchmark {

    /** Distinct users (tokens) per node in {@code hold}; {@code -Dbench.hold-users}, default 50. */
    private static final int USERS = Integer.getInteger("bench.hold-users", 50);

    private final WsBenchClients clients = new WsBenchClients();

    public static void main(String[] args) throws Exception {
        WebSocketLoadBenchmark bench = new WebSocketLoadBenchmark();
        switch (args[0]) {
            case "hold" ->
                bench.hold(
                        nodes(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
            case "latency" ->
                bench.latency(
                        nodes(args[1]),
                        nodes(args[2]).get(0),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode must be hold or latency");
        }
        System.exit(0);
    }

    private static List<URI> nodes(String csv) {
        List<URI> nodes = Arrays.stream(csv.split(",")).map(URI::create).toList();
        for (URI node : nodes) {
            if (!node.getHost().equals("127.0.0.1") && !node.getHost().equals("localhost")) {
                throw new IllegalArgumentException("only loopback targets: " + node);
            }
        }
        return nodes;
    }

    private static List<String> tokens(URI node, String prefix, int users) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            tokens.add(WsBenchClients.devToken(node, prefix + u));
        }
        return tokens;
    }

    private void hold(List<URI> nodes, int connections, int records, int seconds) throws Exception {
        List<List<String>> tokens = new ArrayList<>();
        for (URI node : nodes) {
            tokens.add(tokens(node, "hold-", USERS));
        }
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<WebSocket> open = new ArrayList<>(connections);
        long started = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i % nodes.size();
            String subscribe = "{\"type\":\"subscribe\",\"resource_type\":\"work_order\",\"resource_id\":\"H" + run
                    + "-" + (i % records) + "\"}";
            pending.add(clients.connect(nodes.get(n), tokens.get(n).get(i % USERS), (ws, text) -> {
                        if (text.startsWith("{\"type\":\"snapshot\"")) {
                            snapshots.incrementAndGet();
                        }
                    })
                    .thenApply(ws -> {
                        ws.sendText(subscribe, true);
                        return ws;
                    })
                    .exceptionally(e -> {
                        failed.incrementAndGet();
                        return null;
                    }));
        }
        for (CompletableFuture<WebSocket> future : pending) {
            WebSocket ws = future.get(120, TimeUnit.SECONDS);
            if (ws != null) {
                open.add(ws);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (snapshots.get() < open.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf(
                "HELD %d connections (%d snapshots, %d failed) in %.1f s%n",
                open.size(), snapshots.get(), failed.get(), (System.nanoTime() - started) / 1e9);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long alive = open.stream().filter(ws -> !ws.isInputClosed()).count();
        System.out.printf("STILL-OPEN %d after %d s idle%n", alive, seconds);
    }

    private void latency(List<URI> watcherNodes, URI joinerNode, int rooms, int roomSize, int iterations)
            throws Exception {
        List<List<String>> tokens = new ArrayList<>();
        for (URI node : watcherNodes) {
            tokens.add(tokens(node, "watch-", 20));
        }
        String joinerToken = WsBenchClients.devToken(joinerNode, "joiner");
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        Latencies latencies = new Latencies();
        long[] sentAt = new long[rooms];
        String[] awaited = new String[rooms];
        AtomicLong delivered = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(rooms * roomSize);
        try (RawWebSocketClients raw = new RawWebSocketClients()) {
            List<CompletableFuture<RawWebSocketClients.Connection>> watchers = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                int room = r;
                for (int w = 0; w < roomSize; w++) {
                    int n = (r * roomSize + w) % watcherNodes.size();
                    String subscribe = subscribe(run, room);
                    watchers.add(raw.connect(
                                    watcherNodes.get(n),
                                    "tenant=bench&access_token=" + tokens.get(n).get(w % 20),
                                    (conn, text, readNanos) -> {
                                        if (text.startsWith("{\"type\":\"snapshot\"")) {
                                            subscribed.countDown();
                                        } else if (text.contains("\"kind\":\"join\"") && text.contains(awaited[room])) {
                                            latencies.add((readNanos - sentAt[room]) / 1_000);
                                            delivered.incrementAndGet();
                                        }
                                    })
                            .thenApply(conn -> {
                                conn.sendText(subscribe);
                                return conn;
                            }));
                }
            }
            for (CompletableFuture<RawWebSocketClients.Connection> watcher : watchers) {
                watcher.get(120, TimeUnit.SECONDS);
            }
            if (!subscribed.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("watchers not subscribed: " + subscribed.getCount() + " missing");
            }
            List<RawWebSocketClients.Connection> joiners = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                joiners.add(raw.connect(joinerNode, "tenant=bench&access_token=" + joinerToken, (c, t, n) -> {})
                        .get(30, TimeUnit.SECONDS));
            }
            for (int i = 0; i < iterations; i++) {
                long expected = (long) (i + 1) * rooms * roomSize;
                for (int r = 0; r < rooms; r++) {
                    awaited[r] = "\"tab_id\":\"j" + i + "\"";
                    sentAt[r] = System.nanoTime();
                    joiners.get(r).sendText(presence("presence", run, r, i));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (delivered.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                for (int r = 0; r < rooms; r++) {
                    joiners.get(r).sendText(presence("leave", run, r, i));
                }
                Thread.sleep(200);
            }
            long dropped = watchers.stream().filter(w -> w.join().closed()).count();
            System.out.printf(
                    "LATENCY rooms=%d size=%d iterations=%d delivered=%d/%d p50=%.1f ms p99=%.1f ms max=%.1f ms"
                            + " (watchers closed: %d)%n",
                    rooms,
                    roomSize,
                    iterations,
                    delivered.get(),
                    (long) iterations * rooms * roomSize,
                    latencies.percentileMs(50),
                    latencies.percentileMs(99),
                    latencies.percentileMs(100),
                    dropped);
        }
    }

    private static String subscribe(String run, int room) {
        return "{\"type\":\"subscribe\",\"resource_type\":\"work_order\",\"resource_id\":\"L" + run + "-" + room
                + "\"}";
    }

    private static String presence(String type, String run, int room, int iteration) {
        return "{\"type\":\"" + type + "\",\"resource_type\":\"work_order\",\"resource_id\":\"L" + run + "-" + room
                + "\",\"tab_id\":\"j" + iteration + "\",\"mode\":\"view\"}";
    }
}
