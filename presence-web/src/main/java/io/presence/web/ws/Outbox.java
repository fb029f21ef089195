package io.presence.web.ws;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound messages of one connection, bounded by what the client has not confirmed reading.
 *
 * <p>Why confirmation: Payara's container accepts every asynchronous send at once into an unbounded
 * write queue, so a completed send says nothing about the client. The client's WebSocket stack answers
 * a ping only after reading every frame before it, so this outbox sends a ping carrying the count of
 * messages handed over so far every quarter of the limit (and with every keep-alive ping); the pong
 * confirms them. Messages queued here plus those handed over but unconfirmed may not exceed the
 * limit: the next one hands the connection to {@code overflow} (which closes it with 4008) and further
 * messages are dropped. {@link #offer} never blocks, so a fan-out thread never waits for a client.
 *
 * <p>Sends are asynchronous, one in flight at a time, in offer order.
 */
final class Outbox {

    private final Session session;
    private final int limit;
    private final int probeEvery;
    private final Runnable overflow;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong handedOver = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private long lastProbe;

    Outbox(Session session, int limit, Runnable overflow) {
        this.session = session;
        this.limit = limit;
        this.probeEvery = Math.max(1, limit / 4);
        this.overflow = overflow;
    }

    /** Queues a text message; false if it was dropped (over the limit, or the connection is closing). */
    boolean offer(String text) {
        if (overflowed.get()) {
            return false;
        }
        long unconfirmed = handedOver.get() - confirmed.get();
        if (queued.incrementAndGet() + unconfirmed > limit) {
            queued.decrementAndGet();
            overflow();
            return false;
        }
        queue.add(text);
        drain();
        return true;
    }

    /** A pong arrived: its payload, if it is one of our probes, confirms that many messages. */
    void confirmed(ByteBuffer payload) {
        if (payload.remaining() == Long.BYTES) {
            long count = payload.getLong(payload.position());
            confirmed.accumulateAndGet(Math.min(count, handedOver.get()), Math::max);
        }
    }

    /** The payload of a ping that confirms everything handed over so far once answered. */
    ByteBuffer probe() {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, handedOver.get());
    }

    /** Messages queued here or handed over and not yet confirmed by the client. */
    long backlog() {
        return queued.get() + handedOver.get() - confirmed.get();
    }

    private void overflow() {
        if (overflowed.compareAndSet(false, true)) {
            queue.clear();
            overflow.run();
        }
    }

    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            if (!session.isOpen()) {
                queue.clear();
                sending.set(false);
                return;
            }
            try {
                LeanContext.send(() -> session.getAsyncRemote().sendText(next, this::sent));
            } catch (IOException | RuntimeException e) {
                sending.set(false);
            }
            return;
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            sending.set(false);
            if (session.isOpen()) {
                overflow();
            }
            return;
        }
        long count = handedOver.incrementAndGet();
        if (count - lastProbe >= probeEvery) {
            lastProbe = count;
            try {
                LeanContext.send(() -> session.getAsyncRemote().sendPing(probe()));
            } catch (IOException | RuntimeException e) {
                // the connection is going away; its close handles the rest
            }
        }
        sending.set(false);
        drain();
    }
}
