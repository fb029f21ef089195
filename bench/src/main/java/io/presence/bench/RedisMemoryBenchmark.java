package io.presence.bench;

import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.core.presence.PresenceStores;
import io.presence.infrastructure.redis.RedisPresenceStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Redis memory per active tab: writes {@code tabs} tabs (as browsers would: uuid tab ids, 3 tabs per
 * record, realistic user ids and names) through the real store into an otherwise empty Redis and
 * divides the growth of {@code used_memory} by their number.
 * Usage: {@code RedisMemoryBenchmark <redis-url> [tabs=100000]}. Use a Redis that holds nothing else.
 */
public final class RedisMemoryBenchmark {

    public static void main(String[] args) {
        String url = args[0];
        RestHeartbeatBenchmark.requireLoopback(URI.create(url).getHost());
        int tabs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        RedisCommandStats stats = new RedisCommandStats(url);
        try (RedisPresenceStore store = new RedisPresenceStore(PresenceStores.redis(url), Duration.ofSeconds(90))) {
            long before = stats.usedMemory();
            Instant now = Instant.now();
            for (int i = 0; i < tabs; i++) {
                ResourceRef ref = new ResourceRef("acme", "work_order", "WO-" + (i / 3));
                int user = i % 5000;
                store.heartbeat(
                        ref,
                        new TabPresence(
                                UUID.randomUUID().toString(),
                                "user-" + user,
                                "User Number " + user,
                                Mode.VIEW,
                                false,
                                null,
                                now,
                                now.plusSeconds(90),
                                ""));
            }
            long after = stats.usedMemory();
            System.out.printf(
                    "%d tabs on %d records: used_memory grew by %d bytes = %.0f bytes per tab%n",
                    tabs, (tabs + 2) / 3, after - before, (after - before) / (double) tabs);
        }
    }
}
