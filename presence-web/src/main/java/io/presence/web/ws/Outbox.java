package io.presence.web.ws;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbound messages of one connection: a bounded queue drained by asynchronous sends, one in flight
 * at a time. {@link #offer} never blocks, so a fan-out thread is never held up by a slow client; when the
 * queue is full the connection is handed to {@code overflow} (which closes it with 4008) and further
 * messages are dropped.
 */
final class Outbox {

    private final Session session;
    private final int limit;
    private final Runnable overflow;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    Outbox(Session session, int limit, Runnable overflow) {
        this.session = session;
        this.limit = limit;
        this.overflow = overflow;
    }

    /** Queues a text message; false if it was dropped (queue full, or the connection is closing). */
    boolean offer(String text) {
        if (overflowed.get()) {
            return false;
        }
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            if (overflowed.compareAndSet(false, true)) {
                overflow.run();
            }
            return false;
        }
        queue.add(text);
        drain();
        return true;
    }

    int pending() {
        return size.get();
    }

    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            size.decrementAndGet();
            if (!session.isOpen()) {
                queue.clear();
                sending.set(false);
                return;
            }
            try {
                session.getAsyncRemote().sendText(next, this::sent);
            } catch (RuntimeException e) {
                sending.set(false);
                return;
            }
            return;
        }
    }

    private void sent(SendResult result) {
        sending.set(false);
        if (result.isOK()) {
            drain();
        }
    }
}
