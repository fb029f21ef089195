package io.presence.core.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The claims Presence uses from a token whose signature, issuer, audience and expiry have been
 * verified.
 *
 * @param subject {@code sub}, the user id
 * @param name {@code name}, else {@code preferred_username}, else the subject
 * @param tenants {@code tenant}: the tenants the user may act in
 * @param groups {@code groups}: the roles
 * @param expiresAt {@code exp}
 */
public record VerifiedToken(String subject, String name, List<String> tenants, Set<String> groups, Instant expiresAt) {

    public VerifiedToken {
        tenants = List.copyOf(tenants);
        groups = Set.copyOf(groups);
    }
}
