package io.presence.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.core.metrics.RecordingCounters;
import io.presence.testing.RedisTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/** Group commit on a real Redis: callers that wait together share a pipeline and each gets its own reply. */
class PipelineBatcherIT {

    private static RedisTestServer redis;
    private static JedisPooled jedis;
    private final String prefix = "batcher-test:" + UUID.randomUUID() + ":";

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        jedis = RedisConnections.pool(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        jedis.close();
        redis.close();
    }

    @Test
    void callersWhoArriveDuringABatchShareTheNextOneAndEachGetsItsOwnReply() throws Exception {
        RecordingCounters metrics = new RecordingCounters();
        PipelineBatcher batcher = new PipelineBatcher(jedis, metrics.histogram("batch_size", Map.of()));
        CountDownLatch othersQueued = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Long> first = pool.submit(() -> batcher.run(pipeline -> {
                await(othersQueued); // holds the batch in flight while the others arrive
                return incr(pipeline, "first");
            }));
            awaitBatches(batcher, 1);
            List<Thread> callers = new ArrayList<>();
            List<Future<Long>> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String key = "other-" + i;
                others.add(pool.submit(() -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    jedis.set(prefix + key, "41");
                    return batcher.run(pipeline -> incr(pipeline, key));
                }));
            }
            awaitParked(callers, 5);
            othersQueued.countDown();

            assertEquals(1L, first.get(10, TimeUnit.SECONDS));
            for (Future<Long> other : others) {
                assertEquals(42L, other.get(10, TimeUnit.SECONDS), "each caller reads its own reply");
            }
            assertEquals(2, batcher.batches(), "the five waiting callers went in one pipeline");
            assertEquals(6, batcher.works());
            assertEquals(List.of(1L, 5L), metrics.samples("batch_size", Map.of()), "each pipeline's size measured");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingWorkFailsOnlyItsCaller() throws Exception {
        PipelineBatcher batcher = new PipelineBatcher(jedis);
        jedis.set(prefix + "text", "not a number");
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Long> holder = pool.submit(() -> batcher.run(pipeline -> {
                await(release);
                return incr(pipeline, "holder");
            }));
            awaitBatches(batcher, 1);
            List<Thread> callers = new ArrayList<>();
            Function<Function<AbstractPipeline, Supplier<Long>>, Future<Long>> submit = work -> pool.submit(() -> {
                synchronized (callers) {
                    callers.add(Thread.currentThread());
                }
                return batcher.run(work);
            });
            Future<Long> replyError = submit.apply(pipeline -> incr(pipeline, "text"));
            Future<Long> thrown = submit.apply(pipeline -> {
                throw new IllegalArgumentException("refused before sending");
            });
            Future<Long> fine = submit.apply(pipeline -> incr(pipeline, "fine"));
            awaitParked(callers, 3);
            release.countDown();

            assertEquals(1L, holder.get(10, TimeUnit.SECONDS));
            assertEquals(1L, fine.get(10, TimeUnit.SECONDS));
            assertInstanceOf(JedisDataException.class, cause(replyError));
            assertInstanceOf(IllegalArgumentException.class, cause(thrown));
            assertEquals(2, batcher.batches(), "the three waiting callers shared one pipeline");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyConcurrentCallersAllGetTheirRepliesInOrder() throws Exception {
        PipelineBatcher batcher = new PipelineBatcher(jedis);
        int threads = 16;
        int calls = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "counter-" + t;
                done.add(pool.submit(() -> {
                    for (long expected = 1; expected <= calls; expected++) {
                        long reply = batcher.run(pipeline -> incr(pipeline, key));
                        assertEquals(expected, reply);
                    }
                    return null;
                }));
            }
            for (Future<Void> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
            assertEquals((long) threads * calls, batcher.works());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOutageFailsTheCallerAndTheNextCallWorksWhenRedisIsBack() {
        try (RedisTestServer own = RedisTestServer.start();
                JedisPooled client = RedisConnections.pool(own.url())) {
            assumeTrue(own.isManaged(), "needs a Redis the test can stop");
            PipelineBatcher batcher = new PipelineBatcher(client);
            own.stop();
            assertThrows(RuntimeException.class, () -> batcher.run(pipeline -> incrOn(pipeline, "outage")));
            own.restart();
            long reply = batcher.run(pipeline -> incrOn(pipeline, "outage"));
            assertEquals(1L, reply);
        }
    }

    private Supplier<Long> incr(AbstractPipeline pipeline, String key) {
        return incrOn(pipeline, prefix + key);
    }

    private static Supplier<Long> incrOn(AbstractPipeline pipeline, String key) {
        Response<Long> reply = pipeline.incr(key);
        return reply::get;
    }

    private static Throwable cause(Future<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the caller did not finish", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other callers did not arrive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a batch is in flight (counted when its pipeline opens). */
    private static void awaitBatches(PipelineBatcher batcher, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (batcher.batches() < count) {
            assertTrue(System.nanoTime() < deadline, "no batch started");
            Thread.sleep(5);
        }
    }

    /** Waits until that many callers have started and are parked, waiting for the batch in flight. */
    private static void awaitParked(List<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            synchronized (callers) {
                if (callers.size() == count && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the callers did not queue");
            Thread.sleep(5);
        }
    }
}
