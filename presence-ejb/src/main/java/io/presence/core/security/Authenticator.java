package io.presence.core.security;

import io.presence.api.model.Caller;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.AuthenticationException;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.presence.Inputs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns a bearer token and a requested tenant into a {@link Caller}; used by REST and WebSocket alike.
 *
 * <p>Tenant rule: the requested tenant ({@code X-SX-Tenant}, or the WebSocket {@code tenant} parameter)
 * must be one the token grants (403 otherwise); without one, a token that grants exactly one tenant
 * acts in it, and any other token is refused with 403.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    @Inject
    PresenceSettings settings;

    private JwtVerifier verifier;
    private DevelopmentKeys developmentKeys;

    @PostConstruct
    void init() {
        KeySource keys;
        if (settings.jwtJwksUrl().isPresent()) {
            keys = new JwksKeySource(settings.jwtJwksUrl().get());
        } else if (settings.jwtPublicKeyLocation().isPresent()) {
            keys = new PemKeySource(settings.jwtPublicKeyLocation().get());
        } else {
            developmentKeys = new DevelopmentKeys();
            keys = developmentKeys;
            LOG.warning("No presence.jwt.public-key-location or presence.jwt.jwks-url is configured: tokens are "
                    + "verified with a key pair generated at start-up and POST /api/v1/dev/token issues them to "
                    + "anyone. This is for development only; configure a key in production.");
        }
        verifier = new JwtVerifier(keys, settings.jwtIssuer(), settings.jwtClockSkew(), Clock.systemUTC());
    }

    /**
     * @param authorization the {@code Authorization} header value ({@code Bearer <token>}) or a bare token
     * @param requestedTenant the tenant asked for, or null
     */
    public Caller authenticate(String authorization, String requestedTenant) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("a bearer token is required (Authorization: Bearer <JWT>)");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : authorization.trim();
        VerifiedToken verified = verifier.verify(token);
        return new Caller(
                Inputs.userId(verified.subject()),
                Inputs.displayName(verified.name()),
                tenant(verified, requestedTenant),
                verified.groups());
    }

    private static String tenant(VerifiedToken token, String requested) {
        if (requested == null || requested.isBlank()) {
            if (token.tenants().size() == 1) {
                return Inputs.tenant(token.tenants().get(0));
            }
            throw new ForbiddenException(
                    "tenant_required",
                    token.tenants().isEmpty()
                            ? "the token grants no tenant"
                            : "the token grants several tenants; choose one with X-SX-Tenant");
        }
        if (!token.tenants().contains(requested)) {
            throw new ForbiddenException(
                    "tenant_not_granted", "the token does not grant tenant '" + Inputs.printable(requested) + "'");
        }
        return Inputs.tenant(requested);
    }

    /** True when tokens are signed by the generated development key and dev tokens may be issued. */
    public boolean developmentMode() {
        return developmentKeys != null;
    }

    /** Issues a development token; empty when a real key is configured. */
    public Optional<String> issueDevelopmentToken(
            String userId, String name, Collection<String> tenants, Collection<String> groups) {
        if (developmentKeys == null) {
            return Optional.empty();
        }
        if (tenants.isEmpty()) {
            throw new InvalidInputException("tenant", "is required");
        }
        tenants.forEach(Inputs::tenant);
        Inputs.userId("user_id", userId);
        return Optional.of(developmentKeys.issue(userId, name, tenants, groups, Duration.ofHours(12)));
    }
}
