package io.presence.core.security;

import io.presence.core.errors.AuthenticationException;
import io.presence.core.json.JsonSupport;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A compact JWS split into its parts; nothing is trusted until {@link JwtVerifier} checked it. */
record Jwt(JsonObject header, JsonObject claims, byte[] signedPart, byte[] signature) {

    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    static Jwt parse(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException("token is too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AuthenticationException("token is not a signed JWT (expected three dot-separated parts)");
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return new Jwt(
                    json(decoder.decode(parts[0])),
                    json(decoder.decode(parts[1])),
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    decoder.decode(parts[2]));
        } catch (IllegalArgumentException | JsonException e) {
            throw new AuthenticationException("token is malformed");
        }
    }

    private static JsonObject json(byte[] bytes) {
        return JsonSupport.readObject(new String(bytes, StandardCharsets.UTF_8));
    }

    String algorithm() {
        return header.getString("alg", "");
    }

    String keyId() {
        return header.getString("kid", null);
    }
}
