package io.presence.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens many WebSocket connections with the JDK client, spread over several {@link HttpClient}s (each
 * has one selector thread), with a bounded number of handshakes in flight. Incoming text goes to a
 * handler as a string (matched with plain string search: parsing JSON would measure the generator).
 */
final class WsBenchClients {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final int CONNECTIONS_PER_CLIENT = Integer.getInteger("bench.connections-per-client", 50);
    private static final HttpClient TOKEN_CLIENT = HttpClient.newHttpClient();
    /**
     * WebSocket port minus HTTP port, {@code -Dbench.ws-port-offset}: 0 (default) for the endpoint on the
     * HTTP listener, the difference for a node with its own WebSocket listener ({@code presence.ws.port}).
     */
    static final int WS_PORT_OFFSET = Integer.getInteger("bench.ws-port-offset", 0);

    private final List<HttpClient> clients = new ArrayList<>();
    private final Semaphore handshakes = new Semaphore(64);
    private int opened;

    /** A development token for {@code userId} in tenant {@code bench}, from the node at {@code base}. */
    static String devToken(URI base, String userId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user_id\":\"" + userId + "\",\"name\":\"Bench " + userId + "\",\"tenant\":\"bench\"}"))
                .header("Content-Type", "application/json")
                .build();
        String body =
                TOKEN_CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no development token from " + base + ": " + body);
        }
        return m.group(1);
    }

    /** Connects; {@code onText} gets (socket, whole message). Fails the future if the handshake fails. */
    CompletableFuture<WebSocket> connect(URI base, String token, BiConsumer<WebSocket, String> onText)
            throws InterruptedException {
        handshakes.acquire();
        URI ws = URI.create("ws://" + base.getHost() + ":" + (base.getPort() + WS_PORT_OFFSET)
                + "/api/v1/ws?tenant=bench&access_token=" + token);
        return client().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(ws, new Listener(onText))
                .whenComplete((socket, failure) -> handshakes.release());
    }

    private synchronized HttpClient client() {
        if (opened++ % CONNECTIONS_PER_CLIENT == 0) {
            clients.add(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .build());
        }
        return clients.get(clients.size() - 1);
    }

    /** Collects fragments into whole messages; keeps reading. */
    private static final class Listener implements WebSocket.Listener {
        private final BiConsumer<WebSocket, String> onText;
        private StringBuilder partial;

        Listener(BiConsumer<WebSocket, String> onText) {
            this.onText = onText;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!last) {
                partial = partial == null ? new StringBuilder(data) : partial.append(data);
            } else if (partial != null) {
                onText.accept(socket, partial.append(data).toString());
                partial = null;
            } else {
                onText.accept(socket, data.toString());
            }
            socket.request(1);
            return null;
        }
    }
}
