package io.presence.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A control for the REST benchmark: an HTTP server on loopback that answers every request at once with
 * a fixed envelope (a development "token" included, so that {@link RestHeartbeatBenchmark} runs against
 * it unchanged). What the generator measures against it is the machine's and the generator's own share
 * of the latency, with no Presence and no container in the way.
 *
 * <p>With {@code cpuMicros} above 0 every request first spends that much of its thread's CPU time: a
 * threaded server that costs the machine what the node costs it per request, without the container,
 * to tell what of the node's tail a thread pool on this machine has at that load anyway.
 * Usage: {@code NullHttpServer <port> [threads=8] [cpuMicros=0]}; runs until killed.
 */
public final class NullHttpServer {

    /** The envelope both controls answer with (also {@link SelectorNullServer}'s). */
    static final byte[] BODY = "{\"success\":true,\"data\":{\"token\":\"control\"}}".getBytes(StandardCharsets.UTF_8);

    private NullHttpServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long cpuNanos = args.length > 2 ? Long.parseLong(args[2]) * 1000 : 0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                spend(cpu, cpuNanos);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                out.write(BODY);
            }
        });
        server.start();
        System.out.println("control server on 127.0.0.1:" + port);
    }

    /** Keeps the current thread on its core until it has used {@code nanos} more of CPU time. */
    private static void spend(ThreadMXBean cpu, long nanos) {
        if (nanos <= 0) {
            return;
        }
        long until = cpu.getCurrentThreadCpuTime() + nanos;
        while (cpu.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }
}
