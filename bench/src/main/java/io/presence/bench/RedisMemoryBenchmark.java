package io.presence.bench;

import io.presence.api.model.Mode;
import io.presence.api.model.ResourceRef;
import io.presence.api.model.TabPresence;
import io.presence.infrastructure.redis.RedisConnections;
import io.presence.infrastructure.redis.RedisPresenceStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * Redis memory per active tab: writes {@code tabs} tabs (as browsers would: uuid tab ids, 3 tabs per
 * record, 5 000 users) through the real store into an otherwise empty Redis and divides the growth of
 * {@code used_memory} (every key, index and the scripts) by their number.
 *
 * <p>Users come in two shapes: {@code short} ids and names ({@code user-17}, {@code User Number 17})
 * or {@code sso}, as identity providers issue them: a uuid subject and a first and last name (10 to 24
 * characters). The second shape makes tab values longer than Redis's default
 * {@code hash-max-listpack-value} of 64 bytes, which costs much more unless that limit is raised.
 * Usage: {@code RedisMemoryBenchmark <redis-url> [tabs=100000] [users=short|sso]}. Use a Redis that
 * holds nothing else.
 */
public final class RedisMemoryBenchmark {

    private static final List<String> FIRST = List.of("Anna", "Bartholomew", "Chen", "Dolores", "Emmanuel", "Fatima");
    private static final List<String> LAST =
            List.of("Lee", "Okonkwo", "Johansson", "Rodriguez", "Nakamura", "Fitzgerald");

    public static void main(String[] args) {
        String url = args[0];
        RestHeartbeatBenchmark.requireLoopback(URI.create(url).getHost());
        int tabs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        boolean sso = args.length > 2 && args[2].equals("sso");
        RedisCommandStats stats = new RedisCommandStats(url);
        try (JedisPooled pool = RedisConnections.pool(url);
                RedisPresenceStore store = new RedisPresenceStore(pool, Duration.ofSeconds(90))) {
            long before = stats.usedMemory();
            Instant now = Instant.now();
            for (int i = 0; i < tabs; i++) {
                ResourceRef ref = new ResourceRef("acme", "work_order", "WO-" + (i / 3));
                int user = i % 5000;
                store.heartbeat(
                        ref,
                        new TabPresence(
                                UUID.randomUUID().toString(),
                                sso ? new UUID(0x5eed, user).toString() : "user-" + user,
                                sso ? FIRST.get(user % 6) + " " + LAST.get(user / 6 % 6) : "User Number " + user,
                                Mode.VIEW,
                                false,
                                null,
                                now,
                                now.plusSeconds(90),
                                ""));
            }
            long after = stats.usedMemory();
            System.out.printf(
                    "%d tabs on %d records (%s users): used_memory grew by %d bytes = %.0f bytes per tab%n",
                    tabs, (tabs + 2) / 3, sso ? "sso" : "short", after - before, (after - before) / (double) tabs);
        }
    }
}
