package io.presence.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/** Per-command call counters from {@code INFO commandstats}, for commands-per-operation figures. */
final class RedisCommandStats {

    private final JedisPooled jedis;

    RedisCommandStats(String url) {
        this.jedis = new JedisPooled(URI.create(url));
    }

    /** Calls per command name, e.g. {@code evalsha -> 12000}. */
    Map<String, Long> calls() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String stats = line.substring(line.indexOf(':') + 1);
                for (String field : stats.split(",")) {
                    if (field.startsWith("calls=")) {
                        calls.put(name, Long.parseLong(field.substring("calls=".length())));
                    }
                }
            }
        }
        return calls;
    }

    /** Bytes Redis uses for data, from {@code INFO memory}. */
    long usedMemory() {
        for (String line : jedis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("no used_memory in INFO memory");
    }
}
