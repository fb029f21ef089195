package io.presence.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A control for the REST benchmark: an HTTP server on loopback that answers every request at once with
 * a fixed envelope (a development "token" included, so that {@link RestHeartbeatBenchmark} runs against
 * it unchanged). What the generator measures against it is the machine's and the generator's own share
 * of the latency, with no Presence and no container in the way.
 * Usage: {@code NullHttpServer <port> [threads=8]}; runs until killed.
 */
public final class NullHttpServer {

    /** The envelope both controls answer with (also {@link SelectorNullServer}'s). */
    static final byte[] BODY = "{\"success\":true,\"data\":{\"token\":\"control\"}}".getBytes(StandardCharsets.UTF_8);

    private NullHttpServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                out.write(BODY);
            }
        });
        server.start();
        System.out.println("control server on 127.0.0.1:" + port);
    }
}
