package io.presence.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An identity provider's JWKS endpoint for tests: a real HTTP server on the loopback interface (a port
 * from {@link TestPorts}) that serves the public parts of the keys it is given, which a test may change
 * at any time to rotate or remove keys, and counts the fetches.
 */
public final class JwksServer implements AutoCloseable {

    private final AtomicReference<List<JWK>> keys = new AtomicReference<>(List.of());
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer server;

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    public static JwksServer start() throws IOException {
        HttpServer http =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestPorts.free()), 0);
        JwksServer jwks = new JwksServer(http);
        http.createContext("/jwks", exchange -> {
            jwks.fetches.incrementAndGet();
            byte[] body = new JWKSet(jwks.keys.get()).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return jwks;
    }

    /** Serves these keys (their public parts) from now on. */
    public void serve(JWK... served) {
        keys.set(List.of(served).stream().map(JWK::toPublicJWK).toList());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** How many times the set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
