package io.presence.infrastructure.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script from {@code src/main/resources/lua/<name>.lua}, called by its SHA-1 with
 * {@code EVALSHA}. The SHA is computed locally; a server that does not know the script yet (first
 * call, restarted server, {@code SCRIPT FLUSH}) gets it loaded once and the call is repeated.
 */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript load(String name) {
        return new LuaScript(name, read(name));
    }

    /**
     * A script that calls functions of libraries ({@code lua/lib/<library>.lua}), which are put in front
     * of it: Redis runs one self-contained source per script.
     */
    static LuaScript load(String name, String... libraries) {
        StringBuilder source = new StringBuilder();
        for (String library : libraries) {
            source.append(read("lib/" + library)).append('\n');
        }
        return new LuaScript(name, source.append(read(name)).toString());
    }

    private static String read(String name) {
        String path = "/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Lua script missing from the class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    String sha() {
        return sha;
    }

    /** Loads the script into the server's cache (once per server, or after {@code NOSCRIPT}). */
    void ensureLoaded(UnifiedJedis jedis, String sampleKey) {
        jedis.scriptLoad(source, sampleKey);
    }

    Object call(UnifiedJedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            ensureLoaded(jedis, keys.get(0));
            return jedis.evalsha(sha, keys, args);
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
