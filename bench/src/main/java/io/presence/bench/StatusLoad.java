package io.presence.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The user status load of {@code bench/fanout/status-load.mjs} (same phases, schedule, latency and JSON
 * fields; see there), with a loader that costs less: one JDK selector thread reads every connection,
 * parses frame headers and the first bytes of each message only, and skips the rest. Reading 5,000
 * sockets at 50,000-70,000 reads a second took the Node loader 0.8-0.95 of a core on the machine the
 * node shares, which is what limited how short a batch interval could be measured
 * (docs/perf-log/2026-12-05-status-fanout.md). Run by {@code BENCH_LOADER=java bench/run-status.sh}:
 * {@code java StatusLoad.java --url ws://127.0.0.1:PORT --tokens FILE [--n 5000] [--rate 50]
 * [--seconds 30] [--warmup-seconds 10] [--pid NODE_PID] [--drain-seconds 15]}.
 */
public final class StatusLoad {

    private static final byte[] STATUS_PUSH = ascii("{\"type\":\"status\",\"user_id\":\"u");
    private static final byte[] STATUS_FIELD = ascii("\",\"status\":\"");
    private static final byte[] ACK = ascii("{\"type\":\"status_ack\"");
    private static final byte[] SNAPSHOT = ascii("{\"type\":\"snapshot\"");
    private static final byte[] ERROR = ascii("{\"type\":\"error\"");
    private static final double BUCKET_MS = 0.1;
    private static final int BUCKETS = 600_000;
    /** The payload bytes of a frame kept: enough to tell a message's kind and a ping's whole payload. */
    private static final int HEAD = 125;

    private final int n;
    private final int changes;
    private final int warm;
    private final long intervalNanos;
    private final Selector selector = Selector.open();
    private final Queue<Conn> toRegister = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 20);
    private final long[] histogram = new long[BUCKETS];
    private final double[] first;
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile long startNanos = Long.MAX_VALUE;
    /** Written by the reader only; volatile so that the main thread sees it and what came before it. */
    private volatile long got;

    private volatile long lastNanos;

    private StatusLoad(int n, int changes, int warm, long intervalNanos) throws IOException {
        this.n = n;
        this.changes = changes;
        this.warm = warm;
        this.intervalNanos = intervalNanos;
        this.first = new double[changes];
        Arrays.fill(first, Double.POSITIVE_INFINITY);
    }

    /** One WebSocket connection: a streaming parser of the server's frames. */
    private final class Conn {
        final SocketChannel channel;
        final byte[] header = new byte[10];
        int headerLength;
        int headerNeeded = 2;
        long remaining = -1; // payload bytes of the current frame still to come; -1 while reading a header
        int opcode;
        final byte[] head = new byte[HEAD];
        int headLength;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        void read(ByteBuffer in) throws IOException {
            while (in.hasRemaining()) {
                if (remaining < 0) {
                    header[headerLength++] = in.get();
                    if (headerLength == 2) {
                        int len = header[1] & 0x7f;
                        headerNeeded = len == 126 ? 4 : len == 127 ? 10 : 2;
                    }
                    if (headerLength == headerNeeded) {
                        opcode = header[0] & 0x0f;
                        int len = header[1] & 0x7f;
                        remaining = len == 126
                                ? ((header[2] & 0xff) << 8) | (header[3] & 0xff)
                                : len == 127 ? ByteBuffer.wrap(header, 2, 8).getLong() : len;
                        headerLength = 0;
                        headerNeeded = 2;
                        headLength = 0;
                        if (remaining == 0) {
                            frame();
                        }
                    }
                } else {
                    int keep = (int) Math.min(Math.min(remaining, in.remaining()), head.length - headLength);
                    if (keep > 0) {
                        in.get(head, headLength, keep);
                        headLength += keep;
                        remaining -= keep;
                    }
                    int skip = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + skip);
                    remaining -= skip;
                    if (remaining == 0) {
                        frame();
                    }
                }
            }
        }

        private void frame() throws IOException {
            remaining = -1;
            switch (opcode) {
                case 0x1 -> text();
                case 0x9 -> send(0xA, Arrays.copyOf(head, headLength)); // pong, with the ping's payload
                case 0x8 -> closes.incrementAndGet();
                default -> {}
            }
        }

        private void text() {
            if (startsWith(head, headLength, STATUS_PUSH)) {
                int at = STATUS_PUSH.length;
                int user = 0;
                int digits = 0;
                while (at < headLength && head[at] >= '0' && head[at] <= '9') {
                    user = user * 10 + head[at++] - '0';
                    digits++;
                }
                if (digits > 0 && regionMatches(head, at, headLength, STATUS_FIELD)) {
                    int j = user + (head[at + STATUS_FIELD.length] == 'a' ? 0 : n);
                    delivered(j);
                    return;
                }
            }
            if (startsWith(head, headLength, ACK)) {
                acked.incrementAndGet();
            } else if (startsWith(head, headLength, SNAPSHOT)) {
                snapshots.incrementAndGet();
            } else if (startsWith(head, headLength, ERROR)) {
                errors.incrementAndGet();
            }
        }

        /** Sends one masked frame; from the sender and the reader, so one at a time. */
        synchronized void send(int op, byte[] payload) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
            frame.put((byte) (0x80 | op));
            if (payload.length < 126) {
                frame.put((byte) (0x80 | payload.length));
            } else {
                frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        void sendText(String text) throws IOException {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void delivered(int j) {
        if (j >= changes || startNanos == Long.MAX_VALUE) {
            return;
        }
        long now = System.nanoTime();
        double lat = (now - (startNanos + j * intervalNanos)) / 1e6;
        if (j >= warm) {
            histogram[(int) Math.min(BUCKETS - 1, Math.max(0, Math.floor(lat / BUCKET_MS)))]++;
        }
        if (lat < first[j]) {
            first[j] = lat;
        }
        got++;
        lastNanos = now;
    }

    private void readLoop() {
        try {
            while (true) {
                selector.select();
                for (Conn conn; (conn = toRegister.poll()) != null; ) {
                    conn.channel.register(selector, SelectionKey.OP_READ, conn);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn conn = (Conn) key.attachment();
                    try {
                        readBuffer.clear();
                        int read = conn.channel.read(readBuffer);
                        if (read < 0) {
                            key.cancel();
                            closes.incrementAndGet();
                            continue;
                        }
                        conn.read(readBuffer.flip());
                    } catch (IOException e) {
                        key.cancel();
                        closes.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a WebSocket with a blocking handshake, then hands it to the reader. */
    private Conn open(URI url, String token) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET /api/v1/ws?access_token=" + token + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
                + url.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer answer = ByteBuffer.allocate(4096);
        Conn conn = new Conn(channel);
        while (true) {
            if (channel.read(answer) < 0) {
                throw new IOException("closed during the handshake");
            }
            String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                if (!text.startsWith("HTTP/1.1 101")) {
                    throw new IOException(
                            "handshake refused: " + text.lines().findFirst().orElse(""));
                }
                ByteBuffer early = ByteBuffer.wrap(answer.array(), end + 4, answer.position() - end - 4);
                conn.read(early);
                break;
            }
        }
        channel.configureBlocking(false);
        toRegister.add(conn);
        selector.wakeup();
        return conn;
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(arg(args, "url", "ws://127.0.0.1:18711"));
        if (!List.of("127.0.0.1", "localhost").contains(url.getHost())) {
            throw new IllegalArgumentException("only loopback targets: " + url);
        }
        int n = Integer.parseInt(arg(args, "n", "5000"));
        double rate = Double.parseDouble(arg(args, "rate", "50"));
        double seconds = Double.parseDouble(arg(args, "seconds", "30"));
        double warmup = Double.parseDouble(arg(args, "warmup-seconds", "10"));
        String pid = arg(args, "pid", null);
        long drainNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(arg(args, "drain-seconds", "15")));
        String[] tokens = Files.readString(Path.of(arg(args, "tokens", "/dev/null")))
                .trim()
                .split(",");
        if (tokens.length < n) {
            throw new IllegalArgumentException("--tokens must hold at least " + n + " tokens");
        }
        int changes = (int) Math.min(Math.round(rate * (warmup + seconds)), 2L * n);
        int warm = (int) Math.min(Math.round(rate * warmup), changes);
        StatusLoad load = new StatusLoad(n, changes, warm, Math.round(1e9 / rate));
        Thread reader = new Thread(load::readLoop, "reader");
        reader.setDaemon(true);
        reader.start();

        // 1. online: every connection reports online and gets its status_ack
        long t0 = System.nanoTime();
        Conn[] conns = new Conn[n];
        AtomicInteger failed = new AtomicInteger();
        ExecutorService openers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
            int user = i;
            openers.execute(() -> {
                try {
                    conns[user] = load.open(url, tokens[user]);
                    conns[user].sendText("{\"type\":\"status\",\"status\":\"online\",\"device_id\":\"bench\"}");
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            });
        }
        openers.shutdown();
        openers.awaitTermination(10, TimeUnit.MINUTES);
        await(() -> load.acked.get() + failed.get() >= n, 60);
        double onlineSeconds = (System.nanoTime() - t0) / 1e9;
        long onlineDone = System.nanoTime();

        // 2. watch: every connection subscribes to the tenant's users and gets its snapshot
        long t1 = System.nanoTime();
        for (Conn conn : conns) {
            if (conn != null) {
                conn.sendText("{\"type\":\"subscribe\",\"resource_type\":\"users\"}");
            }
        }
        await(() -> load.snapshots.get() + failed.get() >= n, 120);
        double watchSeconds = (System.nanoTime() - t1) / 1e9;

        // 3. changes, open loop: change j is user j mod n, away then online, due at start + j / rate
        long start = Math.max(System.nanoTime() + 2_000_000_000L, onlineDone + 5_500_000_000L);
        load.startNanos = start;
        long measured = start + warm * load.intervalNanos;
        double nodeBefore = 0;
        long loaderBefore = 0;
        double sendLagMax = 0;
        for (int j = 0; j < changes; j++) {
            long due = start + j * load.intervalNanos;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (j == warm) {
                nodeBefore = pid == null ? 0 : cpu(pid);
                loaderBefore = processCpu();
            }
            sendLagMax = Math.max(sendLagMax, (System.nanoTime() - due) / 1e6);
            Conn conn = conns[j % n];
            if (conn != null) {
                conn.sendText("{\"type\":\"status\",\"status\":\"" + (j < n ? "away" : "online")
                        + "\",\"device_id\":\"bench\"}");
            }
        }
        long end = start + changes * load.intervalNanos;
        long expected = (long) changes * n;
        while (System.nanoTime() < end + drainNanos) {
            if (load.got >= expected) {
                break;
            }
            Thread.sleep(20);
        }
        double wall = (System.nanoTime() - measured) / 1e9;
        double nodeCpu = pid == null ? 0 : cpu(pid) - nodeBefore;
        double loaderCpu = (processCpu() - loaderBefore) / 1e9;
        long[] firsts = new long[BUCKETS];
        for (int j = warm; j < changes; j++) {
            if (Double.isFinite(load.first[j])) {
                firsts[(int) Math.min(BUCKETS - 1, Math.max(0, Math.floor(load.first[j] / BUCKET_MS)))]++;
            }
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("loader", "\"java\"");
        out.put("users", n);
        out.put("rate", rate);
        out.put("changes", changes);
        out.put("warmupChanges", warm);
        out.put(
                "online",
                "{\"connected\":" + (n - failed.get()) + ",\"acked\":" + load.acked.get() + ",\"failed\":"
                        + failed.get() + ",\"seconds\":" + round(onlineSeconds) + "}");
        out.put("watch", "{\"snapshots\":" + load.snapshots.get() + ",\"seconds\":" + round(watchSeconds) + "}");
        double deliverySeconds = Math.max(0.001, (load.lastNanos - start) / 1e9);
        out.put(
                "deliveries",
                "{\"got\":" + load.got + ",\"expected\":" + expected + ",\"perSecond\":"
                        + Math.round(load.got / deliverySeconds) + "}");
        out.put("measuredDeliveries", (long) (changes - warm) * n);
        out.put("latencyMs", percentiles(load.histogram));
        out.put("firstArrivalMs", percentiles(firsts));
        out.put("sendLagMs", "{\"max\":" + round(sendLagMax) + "}");
        out.put("phaseSeconds", round(wall));
        out.put("nodeCpuSeconds", pid == null ? "null" : round(nodeCpu));
        out.put("nodeCores", pid == null ? "null" : round(nodeCpu / wall));
        out.put("loaderWorkerCpuSeconds", round(loaderCpu));
        out.put("serverErrors", load.errors.get());
        out.put("serverCloses", load.closes.get());
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append(json.length() > 1 ? ",\n " : "\n ")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        System.out.println(json.append("\n}"));
        System.exit(0);
    }

    private static String percentiles(long[] histogram) {
        long total = Arrays.stream(histogram).sum();
        StringBuilder s = new StringBuilder("{\"count\":" + total);
        String[] names = {"p50", "p90", "p99", "p999", "max"};
        double[] ps = {50, 90, 99, 99.9, 100};
        for (int k = 0; k < ps.length; k++) {
            long want = (long) Math.ceil(ps[k] / 100 * total);
            long seen = 0;
            String value = "null";
            for (int i = 0; i < histogram.length && total > 0; i++) {
                seen += histogram[i];
                if (seen >= want) {
                    value = String.valueOf(round((i + 1) * BUCKET_MS));
                    break;
                }
            }
            s.append(",\"").append(names[k]).append("\":").append(value);
        }
        return s.append('}').toString();
    }

    private static void await(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double cpu(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        return regionMatches(bytes, 0, length, prefix);
    }

    private static boolean regionMatches(byte[] bytes, int from, int length, byte[] part) {
        if (from + part.length >= length) {
            return false;
        }
        return Arrays.equals(bytes, from, from + part.length, part, 0, part.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
