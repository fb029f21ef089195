package io.presence.infrastructure.redis;

import java.util.List;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/** Checks the one Redis setting that decides whether a record's hash stays compact. */
final class CompactHashCheck {

    private static final Logger LOG = Logger.getLogger(CompactHashCheck.class.getName());

    /** The {@code hash-max-listpack-value} that keeps records of realistic users compact. */
    static final int COMPACT_VALUE_BYTES = 256;

    private CompactHashCheck() {}

    /**
     * Warns when {@code hash-max-listpack-value} is below {@value #COMPACT_VALUE_BYTES} bytes. Redis keeps
     * a record's hash as one compact listpack only while every value fits that limit; tabs of users with
     * identity-provider ids (a uuid) and full names exceed the default of 64, and a record with one such
     * tab turns into a hash table for good, about 80 bytes more per tab. Servers that refuse
     * {@code CONFIG GET} (some managed services) are not checked.
     */
    static void warnIfValuesTooShort(JedisPooled jedis) {
        try {
            List<?> reply = (List<?>) jedis.sendCommand(Protocol.Command.CONFIG, "GET", "hash-max-ziplist-value");
            if (reply.size() == 2) {
                long limit = Long.parseLong(SafeEncoder.encode((byte[]) reply.get(1)));
                if (limit < COMPACT_VALUE_BYTES) {
                    LOG.warning("Redis hash-max-listpack-value is " + limit + " bytes: records with a tab value"
                            + " longer than that (user id, name, active field and node plus about 17 bytes) take"
                            + " about 80 bytes more per tab; set it to " + COMPACT_VALUE_BYTES
                            + " (docs/operations.md)");
                }
            }
        } catch (JedisException | ClassCastException | NumberFormatException e) {
            LOG.fine(() -> "could not read hash-max-listpack-value: " + e.getMessage());
        }
    }
}
