package io.presence.core.hub;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that keeps what it is given, for the test to take in order; like a transport, it
 * makes messages visible only when the hub flushes it.
 */
final class RecordingSubscriber implements Subscriber {

    private final Caller caller;
    private final List<HubMessage> queued = new ArrayList<>();
    private final BlockingQueue<HubMessage> messages = new LinkedBlockingQueue<>();
    private int writes;

    RecordingSubscriber(Caller caller) {
        this.caller = caller;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public synchronized void send(HubMessage message) {
        queued.add(message);
    }

    @Override
    public synchronized void flush() {
        if (!queued.isEmpty()) {
            writes++;
        }
        messages.addAll(queued);
        queued.clear();
    }

    /** The flushes that had something to write: a transport's writes. */
    synchronized int writes() {
        return writes;
    }

    <T extends HubMessage> T next(Class<T> type) throws InterruptedException {
        HubMessage message = messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(message, "a " + type.getSimpleName() + " within 5 s");
        assertTrue(type.isInstance(message), "expected a " + type.getSimpleName() + ", got " + message);
        return type.cast(message);
    }

    HubMessage poll(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }
}
