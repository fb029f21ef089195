package io.presence.core.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Keys and signed tokens for the verification tests, made with the same library the server uses. */
final class TestTokens {

    static final String ISSUER = "https://idp.example";

    private TestTokens() {}

    static RSAKey rsa(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    }

    static ECKey ec(String kid) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }

    /** The claims of user u1 of tenants acme and globex, expiring at {@code exp}. */
    static JWTClaimsSet.Builder claims(Instant exp) {
        return new JWTClaimsSet.Builder()
                .subject("u1")
                .claim("preferred_username", "alice")
                .claim("tenant", List.of("acme", "globex"))
                .claim("groups", List.of("presence-publisher"))
                .issuer(ISSUER)
                .audience("presence")
                .expirationTime(Date.from(exp));
    }

    static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
