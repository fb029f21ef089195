package io.presence.core.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out threads, each with its own queue: work for one key (a record) always runs on the same lane, so
 * a record's diffs leave in the order the store produced them, while different records fan out in
 * parallel. The store's listener and the event bus only queue work here, so neither a Redis subscriber
 * nor a store thread ever waits for a client.
 */
final class Lanes implements AutoCloseable {

    private final List<ExecutorService> lanes = new ArrayList<>();

    Lanes(int count, ThreadFactory threads) {
        for (int i = 0; i < count; i++) {
            lanes.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads));
        }
    }

    void execute(Object key, Runnable work) {
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).execute(work);
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
    }
}
