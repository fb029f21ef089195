package io.presence.core.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * One PEM public key ({@code -----BEGIN PUBLIC KEY-----}, RSA or EC) from a file path, a
 * {@code classpath:} resource or a URL. Tokens may name any {@code kid}: there is only this key, offered
 * for the algorithms of its type.
 */
final class PemKeySource {

    private PemKeySource() {}

    static JWKSource<SecurityContext> open(String location) {
        JWK jwk = jwk(parse(read(location), location));
        return (selector, context) -> {
            var types = selector.getMatcher().getKeyTypes();
            return types == null || types.contains(jwk.getKeyType()) ? List.of(jwk) : List.of();
        };
    }

    private static JWK jwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
                .keyUse(KeyUse.SIGNATURE)
                .build();
    }

    static PublicKey parse(String pem, String location) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalStateException("presence.jwt.public-key-location " + location
                + " is not an RSA or EC public key in PEM (BEGIN PUBLIC KEY) form");
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                    if (in == null) {
                        throw new IllegalStateException("presence.jwt.public-key-location " + location + " not found");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (location.matches("^[a-z]+://.*")) {
                try (InputStream in = URI.create(location).toURL().openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read presence.jwt.public-key-location " + location + ": " + e, e);
        }
    }
}
