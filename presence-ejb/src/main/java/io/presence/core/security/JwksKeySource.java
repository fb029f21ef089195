package io.presence.core.security;

import io.presence.core.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keys from a JWKS endpoint ({@code {"keys":[{"kty":"RSA","kid":…,"n":…,"e":…}]}}; EC keys on P-256).
 * Fetched at first use and again when a token names an unknown {@code kid} (key rotation), at most
 * once every 30 seconds so that forged kids cannot hammer the identity provider.
 */
final class JwksKeySource implements KeySource {

    private static final Logger LOG = Logger.getLogger(JwksKeySource.class.getName());
    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);

    private final URI url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    JwksKeySource(String url) {
        this.url = URI.create(url);
    }

    @Override
    public Optional<PublicKey> key(String kid) {
        Optional<PublicKey> key = lookup(kid);
        if (key.isEmpty() && Instant.now().isAfter(fetchedAt.plus(MIN_REFRESH))) {
            refresh();
            key = lookup(kid);
        }
        return key;
    }

    private Optional<PublicKey> lookup(String kid) {
        Map<String, PublicKey> current = keys;
        if (kid == null) {
            return current.size() == 1 ? current.values().stream().findFirst() : Optional.empty();
        }
        return Optional.ofNullable(current.get(kid));
    }

    private synchronized void refresh() {
        if (Instant.now().isBefore(fetchedAt.plus(MIN_REFRESH))) {
            return;
        }
        fetchedAt = Instant.now();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning(() -> "JWKS " + url + " answered " + response.statusCode());
                return;
            }
            keys = parse(response.body());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot fetch JWKS " + url + ": " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Map<String, PublicKey> parse(String body) throws GeneralSecurityException {
        Map<String, PublicKey> result = new HashMap<>();
        for (JsonValue value : JsonSupport.readObject(body).getJsonArray("keys")) {
            JsonObject jwk = value.asJsonObject();
            String kid = jwk.getString("kid", "default");
            switch (jwk.getString("kty", "")) {
                case "RSA" ->
                    result.put(
                            kid,
                            KeyFactory.getInstance("RSA")
                                    .generatePublic(new RSAPublicKeySpec(
                                            unsigned(jwk.getString("n")), unsigned(jwk.getString("e")))));
                case "EC" -> result.put(kid, ecKey(jwk));
                default -> LOG.fine(() -> "ignoring JWK " + kid + " of type " + jwk.getString("kty", "?"));
            }
        }
        return result;
    }

    private static PublicKey ecKey(JsonObject jwk) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(unsigned(jwk.getString("x")), unsigned(jwk.getString("y")));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
