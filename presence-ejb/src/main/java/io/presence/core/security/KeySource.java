package io.presence.core.security;

import java.security.PublicKey;
import java.util.Optional;

/** Where token verification keys come from: a PEM key, a JWKS endpoint or the development key. */
interface KeySource {

    /** The key for {@code kid} (null when the token names none); empty when there is no such key. */
    Optional<PublicKey> key(String kid);
}
