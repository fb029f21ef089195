package io.presence.core.security;

import java.util.List;
import java.util.Set;

/** The claims Presence uses from a token whose signature and expiry have been verified. */
public record VerifiedToken(String subject, String name, List<String> tenants, Set<String> groups) {

    public VerifiedToken {
        tenants = List.copyOf(tenants);
        groups = Set.copyOf(groups);
    }
}
