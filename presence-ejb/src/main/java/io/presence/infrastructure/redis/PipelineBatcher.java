package io.presence.infrastructure.redis;

import io.presence.core.metrics.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;

/**
 * Sends the Redis commands of concurrent callers in one pipeline (group commit), so that heartbeats
 * arriving together share one round trip instead of queueing for one each.
 *
 * <p>A caller queues its work and, if no batch is in flight, becomes the leader: it takes every queued
 * work (up to {@link #MAX_BATCH}), writes all their commands in one pipeline, reads all replies and
 * hands each caller its result. Callers that arrive while a batch is in flight wait; when the leader is
 * done it wakes the first of them, which leads the next batch with everything queued meanwhile. Alone,
 * a caller sends its own pipeline at once, as without the batcher: nothing waits for company. The more
 * callers wait (the busier the node), the more share one write, one read and one wake-up of Redis, which
 * is when the saving matters.
 *
 * <p>Each work's commands stay together and in order; works of one batch are not atomic together (a
 * pipeline is not a transaction), and a failed connection fails every work of its batch.
 */
final class PipelineBatcher {

    /** Works per pipeline at most: bounds the leader's extra wait and the size of one write. */
    static final int MAX_BATCH = 64;

    private final JedisPooled jedis;
    private final ConcurrentLinkedQueue<Work<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock inFlight = new ReentrantLock();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong works = new AtomicLong();
    private final Counters.Histogram batchSizes;

    PipelineBatcher(JedisPooled jedis) {
        this(jedis, Counters.Histogram.NONE);
    }

    /** @param batchSizes gets the number of works of each pipeline sent */
    PipelineBatcher(JedisPooled jedis, Counters.Histogram batchSizes) {
        this.jedis = jedis;
        this.batchSizes = batchSizes;
    }

    /**
     * Runs one caller's commands in the next pipeline and returns its result.
     *
     * @param commands queues the caller's commands on the pipeline and returns how to read its result
     *     once the pipeline is synced (typically from the {@code Response}s it queued)
     * @throws RuntimeException what reading the result threw (e.g. a {@code JedisDataException} for a
     *     missing script), or the failure of the whole batch's connection
     */
    <T> T run(Function<AbstractPipeline, Supplier<T>> commands) {
        Work<T> work = new Work<>(commands, Thread.currentThread());
        queued.add(work);
        boolean interrupted = false;
        while (!work.done) {
            if (inFlight.tryLock()) {
                try {
                    if (!work.done) {
                        send(drain());
                    }
                } finally {
                    inFlight.unlock();
                }
                Work<?> next = queued.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // an interrupted thread would not park again
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return work.result();
    }

    /** Pipelines sent so far; with {@link #works()} it tells how many works a pipeline carried. */
    long batches() {
        return batches.get();
    }

    /** Works sent so far. */
    long works() {
        return works.get();
    }

    private List<Work<?>> drain() {
        List<Work<?>> batch = new ArrayList<>();
        Work<?> work;
        while (batch.size() < MAX_BATCH && (work = queued.poll()) != null) {
            batch.add(work);
        }
        return batch;
    }

    private void send(List<Work<?>> batch) {
        batches.incrementAndGet();
        works.addAndGet(batch.size());
        batchSizes.record(batch.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (Work<?> work : batch) {
                work.queue(pipeline);
            }
            pipeline.sync();
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            batch.forEach(work -> work.fail(failure));
        } finally {
            batch.forEach(Work::complete);
        }
    }

    /** One caller's commands and, once its batch is back, its result or failure. */
    private static final class Work<T> {
        private final Function<AbstractPipeline, Supplier<T>> commands;
        private final Thread caller;
        private Supplier<T> reader;
        private T value;
        private RuntimeException failure;
        private volatile boolean done;

        Work(Function<AbstractPipeline, Supplier<T>> commands, Thread caller) {
            this.commands = commands;
            this.caller = caller;
        }

        void queue(AbstractPipeline pipeline) {
            try {
                reader = commands.apply(pipeline);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        /** Reads the result (or keeps the failure) and lets the caller go; runs in the leader's thread. */
        void complete() {
            try {
                if (failure == null) {
                    value = reader.get();
                }
            } catch (RuntimeException | Error e) {
                failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
