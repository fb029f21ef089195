package io.presence.core.status;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The changes a store emitted for one test's tenant, in arrival order, with waits that fail the test:
 * Redis delivers them on its subscription thread, after the call that caused them returned.
 */
final class ReceivedChanges<T> implements Consumer<T> {

    private final BlockingQueue<T> changes = new LinkedBlockingQueue<>();

    @Override
    public void accept(T change) {
        changes.add(change);
    }

    T next() throws InterruptedException {
        T change = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no change within 5 s");
        return change;
    }

    void assertNone() throws InterruptedException {
        T change = changes.poll(300, TimeUnit.MILLISECONDS);
        assertNull(change, () -> "unexpected change " + change);
    }
}
