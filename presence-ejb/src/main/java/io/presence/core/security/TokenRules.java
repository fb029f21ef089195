package io.presence.core.security;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token must satisfy besides its signature: the exact issuer (when set), one of the accepted
 * audiences (when any are set), one of the accepted signature algorithms, and the clock skew allowed
 * on {@code exp} and {@code nbf}.
 */
record TokenRules(Optional<String> issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms, Duration skew) {

    /** The asymmetric algorithms a public key can verify; {@code none} and HMAC never. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE.stream()
            .filter(a -> !JWSAlgorithm.Family.HMAC_SHA.contains(a))
            .toList());

    TokenRules {
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalStateException("presence.jwt.algorithms names no algorithm");
        }
    }

    /** Rules from the configured algorithm names, refusing any that a public key cannot verify. */
    static TokenRules of(Optional<String> issuer, Set<String> audiences, Set<String> algorithmNames, Duration skew) {
        Set<JWSAlgorithm> algorithms =
                algorithmNames.stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        for (JWSAlgorithm algorithm : algorithms) {
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalStateException("presence.jwt.algorithms: '" + algorithm
                        + "' is not accepted; use RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA");
            }
        }
        return new TokenRules(issuer, audiences, algorithms, skew);
    }
}
