package io.presence.web.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The outbound messages of one connection, bounded by what the client has not confirmed reading.
 *
 * <p>Writes: {@link #offer} only queues; {@link #flush} (called by the hub's fan-out lane once it is
 * idle, or right after a reply) takes everything queued by then, up to {@link #MAX_BATCH_BYTES} at a
 * time, and hands it to the transport as one buffer of consecutive frames, so a connection that
 * receives many messages at once (a join burst in a large room) costs one write for all of them, in
 * order. The transport queues what the socket cannot take at once, so a flush never waits for a client.
 *
 * <p>Why confirmation: the container accepts every write at once into an unbounded queue, so a finished
 * write says nothing about the client. The client's WebSocket stack answers a ping only after reading
 * every frame before it, so this outbox sends a ping carrying the count of messages written so far
 * every quarter of the limit (and with every keep-alive ping); the pong confirms them.
 *
 * <p>When a client is slow: messages queued here plus those written but unconfirmed (the backlog) may
 * exceed the limit only while the client keeps confirming: a message that finds the backlog over the
 * limit while a probe has waited longer than {@code slowAfter} for its pong, or the backlog at four
 * times the limit, hands the connection to {@code overflow} (which closes it with 4008), and further
 * messages are dropped. A client that reads but answers late during a burst (a large room's joins)
 * keeps up; one that stopped reading is cut off within {@code slowAfter}.
 *
 * <p>When a write fails on an open connection (the transport refused the frames, or a message could
 * not be encoded), nothing more is sent on it: the failure goes to {@code failed} (which logs it and
 * closes the connection) once, and later messages are dropped, so a connection never stays open
 * without delivering. A failure on a connection already closed is its close, handled elsewhere.
 */
final class Outbox {

    /** The most bytes one write gathers; what is left goes in the next. */
    static final int MAX_BATCH_BYTES = 64 * 1024;

    /** Where the frames go: the connection's transport. */
    interface Sink {

        boolean isOpen();

        /** Hands consecutive frames ({@code bytes} in all) to the transport, without waiting for the write. */
        void write(List<WsFrame> frames, int bytes) throws IOException;

        void ping(ByteBuffer payload) throws IOException;
    }

    private final Sink sink;
    private final int limit;
    private final long slowAfterNanos;
    private final int probeEvery;
    private final Runnable overflow;
    private final Consumer<Exception> failed;
    private final Queue<WsFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Set once the connection is being dropped (overflow or failed write): nothing more is sent. */
    private final AtomicBoolean dropped = new AtomicBoolean();

    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private long lastProbe;
    /**
     * The oldest probe not yet answered (count it confirms, when it was sent; 0 when none) and the
     * latest one sent. An answer to a probe in between moves the oldest to the latest: the wait it then
     * measures is shorter than the truth, so a doubt favours the client.
     */
    private final Object probeLock = new Object();

    private long oldestProbeCount;
    private long oldestProbeNanos;
    private long latestProbeCount;
    private long latestProbeNanos;

    Outbox(Sink sink, int limit, Duration slowAfter, Runnable overflow, Consumer<Exception> failed) {
        this.sink = sink;
        this.limit = limit;
        this.slowAfterNanos = slowAfter.toNanos();
        this.probeEvery = Math.max(1, limit / 4);
        this.overflow = overflow;
        this.failed = failed;
    }

    /** Queues a message; false if it was dropped (over the limit, or the connection is closing). */
    boolean offer(WsFrame frame) {
        if (dropped.get()) {
            return false;
        }
        long unconfirmed = handedOver.get() - confirmed.get();
        long backlog = queued.incrementAndGet() + unconfirmed;
        if (backlog > limit && (backlog > 4L * limit || probeOverdue())) {
            queued.decrementAndGet();
            overflow();
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** A pong arrived: its payload, if it is one of our probes, confirms that many messages. */
    void confirmed(ByteBuffer payload) {
        if (payload.remaining() == Long.BYTES) {
            long count = payload.getLong(payload.position());
            long now = confirmed.accumulateAndGet(Math.min(count, handedOver.get()), Math::max);
            synchronized (probeLock) {
                if (now >= latestProbeCount) {
                    oldestProbeCount = 0;
                } else if (now >= oldestProbeCount) {
                    oldestProbeCount = latestProbeCount;
                    oldestProbeNanos = latestProbeNanos;
                }
            }
        }
    }

    /** The payload of a ping that confirms everything handed over so far once answered. */
    ByteBuffer probe() {
        long count = handedOver.get();
        synchronized (probeLock) {
            if (count > confirmed.get() && count > latestProbeCount) {
                latestProbeCount = count;
                latestProbeNanos = System.nanoTime();
                if (oldestProbeCount == 0) {
                    oldestProbeCount = count;
                    oldestProbeNanos = latestProbeNanos;
                }
            }
        }
        return ByteBuffer.allocate(Long.BYTES).putLong(0, count);
    }

    /** Whether the oldest unanswered probe has waited longer than the client may take. */
    private boolean probeOverdue() {
        synchronized (probeLock) {
            return oldestProbeCount != 0 && System.nanoTime() - oldestProbeNanos > slowAfterNanos;
        }
    }

    /** Messages queued here or handed over and not yet confirmed by the client. */
    long backlog() {
        return queued.get() + handedOver.get() - confirmed.get();
    }

    private void overflow() {
        if (dropped.compareAndSet(false, true)) {
            queue.clear();
            overflow.run();
        }
    }

    /** A message for this connection could not be encoded or written: drop the connection. */
    void failed(Exception cause) {
        if (dropped.compareAndSet(false, true)) {
            queue.clear();
            if (sink.isOpen()) {
                failed.accept(cause);
            }
        }
    }

    /** Writes everything queued; one flush at a time per connection, so frames keep their order. */
    synchronized void flush() {
        while (!queue.isEmpty() && write()) {
            // next batch
        }
    }

    /** One write of what is queued, at most {@link #MAX_BATCH_BYTES}; false if the connection is gone. */
    private boolean write() {
        List<WsFrame> batch = new ArrayList<>();
        int bytes = 0;
        WsFrame next;
        while ((bytes < MAX_BATCH_BYTES || batch.isEmpty()) && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.length();
        }
        if (batch.isEmpty()) {
            return false;
        }
        queued.addAndGet(-batch.size());
        if (!sink.isOpen()) {
            queue.clear();
            return false;
        }
        try {
            sink.write(batch, bytes);
            long count = handedOver.addAndGet(batch.size());
            if (count - lastProbe >= probeEvery) {
                lastProbe = count;
                sink.ping(probe());
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        }
        return true;
    }
}
