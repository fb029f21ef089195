package io.presence.web.ws;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Where the bytes of a connection on the WebSocket listener ({@link WsListener}) go: straight into the
 * Grizzly transport's asynchronous write queue for the connection, which writes at once when nothing
 * is queued, queues what the socket does not take, and keeps writes from any thread in order. Tyrus
 * writes its own frames (pongs, pings, close) through it, and the connection's {@link RawFrames} writes
 * Presence's frames through it directly.
 *
 * <p>Why not Tyrus' {@code GrizzlyWriter}: it passes every write through a task queue of its own and
 * then the connection's filter chain, whose filters on this listener do nothing to outgoing bytes (no
 * TLS; {@link FrameFilter} only reads). Fanning a large room out is 50,000 writes a second and more,
 * and that path, with Tyrus' lock and future per raw frame, was about a third of the fan-out lane's
 * time in Java (docs/perf-log/2026-12-05-status-fanout.md).
 */
final class FrameWriter extends Writer {

    /** The writer of the connection whose endpoint is being opened on this thread (see {@link #opening}). */
    private static final ThreadLocal<FrameWriter> OPENING = new ThreadLocal<>();

    private final Connection<SocketAddress> connection;
    private final AsyncQueueWriter<SocketAddress> queue;

    @SuppressWarnings("unchecked")
    FrameWriter(Connection<?> connection) {
        this.connection = (Connection<SocketAddress>) connection;
        this.queue =
                ((TCPNIOTransport) connection.getTransport()).getAsyncQueueIO().getWriter();
    }

    /**
     * Runs {@code open} (Tyrus making the connection, which opens its endpoint on this thread) with this
     * writer as the one {@link #opening} answers, so that the endpoint's {@link RawFrames} writes
     * through it.
     */
    <T> T opening(Supplier<T> open) {
        OPENING.set(this);
        try {
            return open.get();
        } finally {
            OPENING.remove();
        }
    }

    /** The writer of the listener connection being opened on this thread, or null (the HTTP listener). */
    static FrameWriter opening() {
        return OPENING.get();
    }

    /** Queues encoded frames, without waiting for the write; failures close the connection's transport. */
    void write(ByteBuffer frames) throws IOException {
        if (!connection.isOpen()) {
            throw new IOException("the connection is closed");
        }
        queue.write(connection, Buffers.wrap(connection.getMemoryManager(), frames));
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> done) {
        if (!connection.isOpen()) {
            done.failed(new IOException("the connection is closed"));
            return;
        }
        queue.write(
                connection,
                Buffers.wrap(connection.getMemoryManager(), buffer),
                new EmptyCompletionHandler<WriteResult<WritableMessage, SocketAddress>>() {
                    @Override
                    public void completed(WriteResult<WritableMessage, SocketAddress> result) {
                        done.completed(buffer);
                    }

                    @Override
                    public void failed(Throwable cause) {
                        done.failed(cause);
                    }

                    @Override
                    public void cancelled() {
                        done.cancelled();
                    }
                });
    }

    @Override
    public void close() {
        connection.closeSilently();
    }
}
