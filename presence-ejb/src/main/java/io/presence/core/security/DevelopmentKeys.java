package io.presence.core.security;

import io.presence.core.errors.InvalidInputException;
import io.presence.core.json.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * An RSA key pair made at start-up when no verification key is configured, so that the server runs out
 * of the box. It signs the tokens of {@code POST /api/v1/dev/token}; it is lost at restart, which
 * invalidates every token it signed. Never used when a key is configured.
 */
final class DevelopmentKeys implements KeySource {

    static final String KEY_ID = "presence-dev";

    private final KeyPair pair;

    DevelopmentKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    @Override
    public Optional<PublicKey> key(String kid) {
        return kid == null || KEY_ID.equals(kid) ? Optional.of(pair.getPublic()) : Optional.empty();
    }

    /** Signs an RS256 token for the given identity, valid for {@code lifetime}. */
    String issue(String userId, String name, Collection<String> tenants, Collection<String> groups, Duration lifetime) {
        if (userId == null || userId.isBlank()) {
            throw new InvalidInputException("user_id", "is required");
        }
        Instant now = Instant.now();
        JsonArrayBuilder tenantArray = JsonSupport.PROVIDER.createArrayBuilder();
        tenants.forEach(tenantArray::add);
        JsonArrayBuilder groupArray = JsonSupport.PROVIDER.createArrayBuilder();
        groups.forEach(groupArray::add);
        JsonObjectBuilder claims = JsonSupport.PROVIDER
                .createObjectBuilder()
                .add("iss", "presence-dev")
                .add("sub", userId)
                .add("name", name == null || name.isBlank() ? userId : name)
                .add("tenant", tenantArray)
                .add("groups", groupArray)
                .add("iat", now.getEpochSecond())
                .add("exp", now.plus(lifetime).getEpochSecond());
        String header = base64(JsonSupport.PROVIDER
                .createObjectBuilder()
                .add("alg", "RS256")
                .add("typ", "JWT")
                .add("kid", KEY_ID)
                .build()
                .toString());
        String signed = header + "." + base64(claims.build().toString());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
