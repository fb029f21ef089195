package io.presence.web.ws;

import io.presence.core.errors.PresenceException;
import io.presence.core.json.JsonSupport;
import io.presence.core.security.Authenticator;
import io.presence.web.rest.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.Parameters;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The HTTP part of {@link WsListener}: takes the parsed upgrade request, authenticates it, lets Tyrus
 * answer the handshake, and then moves the connection to the frames-only chain ({@link FrameFilter})
 * and drops the HTTP request, so that an open connection keeps no HTTP state.
 *
 * <p>Authentication happens here so that the access token stays out of the session: Tyrus keeps the
 * request URI, query and parameters of every session, and a token is the largest part of them. The
 * caller travels as the session's principal ({@link CallerPrincipal}). A token that fails is left in
 * place: {@link PresenceSocket} authenticates again and closes with 1008 and the reason, exactly as on
 * the HTTP listener.
 *
 * <p>Anything that is not a WebSocket upgrade is answered with an error envelope and closed: 426 for a
 * plain HTTP request, 404 for another path, Tyrus' own status for a malformed handshake. A connection
 * that has not completed its handshake within {@link #HANDSHAKE_TIMEOUT} is closed.
 */
final class HandshakeFilter extends BaseFilter {

    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
    private static final String TOKEN = "access_token";

    private final WebSocketEngine engine;
    private final FilterChain frames;
    private final Authenticator authenticator;
    private final WsTimers timers;

    HandshakeFilter(WebSocketEngine engine, FilterChain frames, Authenticator authenticator, WsTimers timers) {
        this.engine = engine;
        this.frames = frames;
        this.authenticator = authenticator;
        this.timers = timers;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        timers.after(HANDSHAKE_TIMEOUT, "WebSocket handshake timeout", () -> {
            if (connection.getProcessor() != frames) {
                connection.closeSilently();
            }
        });
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent content = ctx.getMessage();
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
            respond(
                    ctx,
                    request,
                    426,
                    "websocket_required",
                    "this port serves WebSocket connections to /api/v1/ws only");
            return ctx.getStopAction();
        }
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo upgrade = engine.upgrade(upgradeRequest(request), response);
        switch (upgrade.getStatus()) {
            case SUCCESS -> open(ctx, content, response, upgrade);
            case HANDSHAKE_FAILED -> {
                HttpResponsePacket answer = withHeaders(refusal(request, response.getStatus()), response);
                closeAfter(ctx, HttpContent.builder(answer).last(true).build());
            }
            case NOT_APPLICABLE ->
                respond(ctx, request, 404, "not_found", "no WebSocket endpoint at " + request.getRequestURI());
        }
        return ctx.getStopAction();
    }

    private void open(
            FilterChainContext ctx,
            HttpContent content,
            UpgradeResponse response,
            WebSocketEngine.UpgradeInfo upgrade) {
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        ctx.write(HttpContent.builder(withHeaders(answer(request, response.getStatus()), response))
                .build());

        Connection<?> connection = ctx.getConnection();
        connection.setProcessor(frames);
        connection.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
        FrameWriter writer = new FrameWriter(connection);
        org.glassfish.tyrus.spi.Connection socket =
                writer.opening(() -> upgrade.createConnection(writer, reason -> connection.closeSilently()));
        FrameFilter.attach(connection, socket);
        Buffer early = content.getContent();
        if (early.hasRemaining()) { // frames sent right behind the handshake
            socket.getReadHandler().handle(early.toByteBuffer());
        }
    }

    private RequestContext upgradeRequest(HttpRequestPacket request) {
        Parameters parameters = new Parameters();
        parameters.setQuery(request.getQueryStringDC());
        parameters.setQueryStringEncoding(StandardCharsets.UTF_8);
        Map<String, String[]> values = new LinkedHashMap<>();
        for (String name : parameters.getParameterNames()) {
            values.put(name, parameters.getParameterValues(name));
        }
        Principal principal = authenticated(values);
        String query = request.getQueryString();
        if (principal != null) {
            values.remove(TOKEN);
            query = query(values);
        }
        RequestContext context = RequestContext.Builder.create()
                .requestURI(URI.create(request.getRequestURI()))
                .queryString(query)
                .parameterMap(values)
                .userPrincipal(principal)
                .secure(request.isSecure())
                .remoteAddr(request.getRemoteAddress())
                .serverAddr(request.getLocalAddress())
                .serverPort(request.getLocalPort())
                .build();
        for (String name : request.getHeaders().names()) {
            for (String value : request.getHeaders().values(name)) {
                context.getHeaders()
                        .computeIfAbsent(name, n -> new ArrayList<>())
                        .addAll(Utils.parseHeaderValue(value.trim()));
            }
        }
        return context;
    }

    private CallerPrincipal authenticated(Map<String, String[]> parameters) {
        try {
            return new CallerPrincipal(
                    authenticator.authenticateUntilExpiry(first(parameters, TOKEN), first(parameters, "tenant")));
        } catch (PresenceException e) {
            return null;
        }
    }

    private static String first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String query(Map<String, String[]> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            for (String value : values) {
                query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.length() == 0 ? null : query.toString();
    }

    private static HttpResponsePacket answer(HttpRequestPacket request, int status) {
        HttpResponsePacket answer = request.getResponse();
        answer.setProtocol(Protocol.HTTP_1_1);
        answer.setStatus(status);
        return answer;
    }

    /** Tyrus's handshake answer headers (accept key, upgrade, or why it refused) on a Grizzly answer. */
    private static HttpResponsePacket withHeaders(HttpResponsePacket answer, UpgradeResponse response) {
        response.getHeaders().forEach((name, values) -> answer.setHeader(name, Utils.getHeaderFromList(values)));
        return answer;
    }

    /**
     * An answer that refuses the request: framed as an ordinary response (Grizzly writes the answer to
     * an upgrade request as is, without its content type and connection headers), with the reason
     * phrase Grizzly lacks for 426.
     */
    private static HttpResponsePacket refusal(HttpRequestPacket request, int status) {
        request.setIgnoreContentModifiers(false);
        HttpResponsePacket answer = answer(request, status);
        if (status == 426) {
            answer.setReasonPhrase("Upgrade Required");
            answer.setHeader("Upgrade", "websocket");
        }
        return answer;
    }

    private static void respond(
            FilterChainContext ctx, HttpRequestPacket request, int status, String code, String message) {
        HttpResponsePacket answer = refusal(request, status);
        byte[] body =
                JsonSupport.write(Envelope.errorBody(code, message, Map.of())).getBytes(StandardCharsets.UTF_8);
        answer.setContentType("application/json");
        answer.setContentLength(body.length);
        Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), ByteBuffer.wrap(body));
        closeAfter(ctx, HttpContent.builder(answer).content(buffer).last(true).build());
    }

    private static void closeAfter(FilterChainContext ctx, HttpContent message) {
        Connection<?> connection = ctx.getConnection();
        ctx.write(message, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                connection.closeSilently();
            }
        });
    }
}
