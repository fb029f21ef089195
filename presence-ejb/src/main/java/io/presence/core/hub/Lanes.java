package io.presence.core.hub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fan-out threads, each with its own queue: work for one key (a record) always runs on the same lane, so
 * a record's diffs leave in the order the store produced them, while different records fan out in
 * parallel. The store's listener and the event bus only queue work here, so neither a Redis subscriber
 * nor a store thread ever waits for a client.
 *
 * <p>Writes: work on a lane only queues messages for subscribers ({@link #touched}); once the lane has
 * nothing more to do, it flushes every subscriber it touched, on its own thread. Under a burst (a large
 * room's joins) the lane runs many diffs before it flushes, so each connection gets all of its messages
 * in one write; alone, a diff is written at once, without a hand-off to another thread.
 */
final class Lanes implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Lanes.class.getName());
    /** The most tasks a lane runs before it flushes, so that a steady stream still gets written. */
    private static final int MAX_TASKS_PER_FLUSH = 256;

    private final List<Lane> lanes = new ArrayList<>();
    private final ThreadLocal<Lane> current = new ThreadLocal<>();

    Lanes(int count, ThreadFactory threads) {
        for (int i = 0; i < count; i++) {
            Lane lane = new Lane();
            Thread thread = threads.newThread(lane);
            thread.setName("presence-fanout-" + i);
            thread.setDaemon(true);
            lanes.add(lane);
            thread.start();
        }
    }

    void execute(Object key, Runnable work) {
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).tasks.add(work);
    }

    /**
     * Called for a subscriber that was just given a message: on a lane, it is flushed when the lane is
     * idle; on any other thread (a subscribe answered on the caller's thread), at once.
     */
    void touched(Subscriber subscriber) {
        Lane lane = current.get();
        if (lane != null) {
            lane.dirty.add(subscriber);
        } else {
            subscriber.flush();
        }
    }

    @Override
    public void close() {
        lanes.forEach(lane -> lane.stopped = true);
        lanes.forEach(lane -> lane.tasks.add(() -> {}));
    }

    private final class Lane implements Runnable {

        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final Set<Subscriber> dirty = new LinkedHashSet<>();
        private volatile boolean stopped;

        @Override
        public void run() {
            current.set(this);
            try {
                while (!stopped) {
                    Runnable task = tasks.take();
                    int run = 0;
                    do {
                        runQuietly(task);
                    } while (++run < MAX_TASKS_PER_FLUSH && (task = tasks.poll()) != null);
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void flush() {
            for (Subscriber subscriber : dirty) {
                try {
                    subscriber.flush();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "writing to a subscriber failed", e);
                }
            }
            dirty.clear();
        }

        private void runQuietly(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "fan-out task failed", e);
            }
        }
    }
}
