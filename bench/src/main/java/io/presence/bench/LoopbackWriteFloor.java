package io.presence.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one small write to a loopback TCP connection costs on this machine with nothing above the JDK:
 * the floor under a node's per-delivery cost when it fans a message out to many WebSocket connections.
 * Accepts N connections (from {@code bench/fanout/sink.mjs}, which reads and discards), then in rounds
 * writes one message to every connection from one thread, the way a hub lane writes a batch, and prints
 * per round the wall time and the thread's CPU per write. Pin it and the sink apart to see the writer
 * alone: {@code taskset -c 0 java bench/src/main/java/io/presence/bench/LoopbackWriteFloor.java} and
 * {@code taskset -c 1 node bench/fanout/sink.mjs}.
 * Usage: {@code LoopbackWriteFloor [port=18790] [connections=5000] [rounds=400] [bytes=200] [interval ms=50]}.
 */
public final class LoopbackWriteFloor {

    private LoopbackWriteFloor() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = arg(args, 0, 18790);
        int connections = arg(args, 1, 5000);
        int rounds = arg(args, 2, 400);
        int bytes = arg(args, 3, 200);
        int intervalMs = arg(args, 4, 50);
        List<SocketChannel> channels = new ArrayList<>(connections);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), connections);
            System.out.println("waiting for " + connections + " connections on port " + port);
            while (channels.size() < connections) {
                SocketChannel channel = server.accept();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                channels.add(channel);
            }
        }
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'x');
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        long incomplete = 0;
        for (int round = 0; round < rounds; round++) {
            long wallStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (SocketChannel channel : channels) {
                ByteBuffer message = ByteBuffer.wrap(payload);
                channel.write(message);
                if (message.hasRemaining()) {
                    incomplete++;
                }
            }
            cpu[round] = threads.getCurrentThreadCpuTime() - cpuStart;
            wall[round] = System.nanoTime() - wallStart;
            long left = intervalMs * 1_000_000L - wall[round];
            if (left > 0) {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            }
        }
        // the second half: the JIT has settled
        int from = rounds / 2;
        long[] wallTail = Arrays.copyOfRange(wall, from, rounds);
        long[] cpuTail = Arrays.copyOfRange(cpu, from, rounds);
        Arrays.sort(wallTail);
        double writes = (double) connections * wallTail.length;
        System.out.printf(
                "%d connections, %d-byte writes, one round every %d ms: per write %.2f µs wall, %.2f µs CPU;"
                        + " a round p50 %.1f ms, p99 %.1f ms, max %.1f ms; incomplete writes %d%n",
                connections,
                bytes,
                intervalMs,
                Arrays.stream(wallTail).sum() / writes / 1000.0,
                Arrays.stream(cpuTail).sum() / writes / 1000.0,
                wallTail[wallTail.length / 2] / 1e6,
                wallTail[(int) (wallTail.length * 0.99)] / 1e6,
                wallTail[wallTail.length - 1] / 1e6,
                incomplete);
        for (SocketChannel channel : channels) {
            channel.close();
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
