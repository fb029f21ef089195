package io.presence.core.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.presence.api.model.Caller;
import io.presence.core.config.TokenSettings;
import io.presence.core.errors.AuthenticationException;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.metrics.Counters;
import io.presence.core.presence.Inputs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
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

    /** Counter of refused tokens, by the rule that refused them ({@code details.reason}; {@code missing}). */
    static final String FAILURES = "presence_authentication_failures";

    @Inject
    TokenSettings settings;

    @Inject
    Counters metrics = Counters.NONE;

    private JwtVerifier verifier;
    private DevelopmentKeys developmentKeys;
    private Duration skew;

    @PostConstruct
    void init() {
        try {
            configure();
        } catch (RuntimeException | Error e) {
            // The container reports only that this bean failed; the operator needs the reason.
            LOG.log(Level.SEVERE, "Presence cannot verify tokens, so it does not start: " + e.getMessage(), e);
            throw e;
        }
    }

    private void configure() {
        TokenRules rules =
                TokenRules.of(settings.issuer(), settings.audiences(), settings.algorithms(), settings.clockSkew());
        skew = rules.skew();
        JWKSource<SecurityContext> keys;
        if (settings.jwksUrl().isPresent()) {
            requireIssuer(rules, "presence.jwt.jwks-url");
            keys = JwksKeySource.open(
                    settings.jwksUrl().get(),
                    settings.jwksRefresh(),
                    settings.jwksTimeout(),
                    settings.jwksOutageTolerance());
        } else if (settings.publicKeyLocation().isPresent()) {
            requireIssuer(rules, "presence.jwt.public-key-location");
            keys = PemKeySource.open(settings.publicKeyLocation().get());
        } else {
            developmentKeys = new DevelopmentKeys();
            keys = developmentKeys.source();
            LOG.warning("No presence.jwt.public-key-location or presence.jwt.jwks-url is configured: tokens are "
                    + "verified with a key pair generated at start-up and POST /api/v1/dev/token issues them to "
                    + "anyone. This is for development only; configure a key in production.");
        }
        verifier = new JwtVerifier(keys, rules, settings.jwksRefresh(), Clock.systemUTC());
    }

    /** Creates this bean at start-up, so that a token configuration it refuses stops the deployment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "token verification ready, development mode " + developmentMode());
    }

    /**
     * A configured key without a configured issuer would accept tokens that any client of the same
     * identity provider holds: the node refuses to start instead.
     */
    static void requireIssuer(TokenRules rules, String keySetting) {
        if (rules.issuer().isEmpty()) {
            throw new IllegalStateException(keySetting + " is set but presence.jwt.issuer is not: set it to the "
                    + "exact iss of the identity provider's tokens (e.g. https://idp.example.com/realms/acme)");
        }
    }

    /**
     * @param authorization the {@code Authorization} header value ({@code Bearer <token>}) or a bare token
     * @param requestedTenant the tenant asked for, or null
     */
    public Caller authenticate(String authorization, String requestedTenant) {
        return authenticateUntilExpiry(authorization, requestedTenant).caller();
    }

    /** As {@link #authenticate}, with the moment the token stops being accepted (for WebSocket connections). */
    public AuthenticatedCaller authenticateUntilExpiry(String authorization, String requestedTenant) {
        VerifiedToken verified = verify(authorization);
        Caller caller = new Caller(
                Inputs.userId(verified.subject()),
                Inputs.displayName(verified.name()),
                tenant(verified, requestedTenant),
                verified.groups());
        return new AuthenticatedCaller(caller, verified.expiresAt().plus(skew));
    }

    /**
     * Verifies a fresh token for a connection of {@code current}; it must name the same user and grant
     * the connection's tenant (403 {@code identity_mismatch} otherwise). Returns when it stops being
     * accepted.
     */
    public Instant reauthenticate(Caller current, String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("token", "is required");
        }
        VerifiedToken verified = verify(token);
        if (!verified.subject().equals(current.userId()) || !verified.tenants().contains(current.tenant())) {
            throw new ForbiddenException(
                    "identity_mismatch",
                    "the new token must name the same user and grant the same tenant as the connection's");
        }
        return verified.expiresAt().plus(skew);
    }

    /** Verifies the token and counts a refusal by its reason. */
    private VerifiedToken verify(String authorization) {
        try {
            return verifier.verify(bearer(authorization));
        } catch (AuthenticationException e) {
            Object reason = e.details().getOrDefault("reason", "missing");
            metrics.increment(FAILURES, Map.of("reason", String.valueOf(reason)));
            throw e;
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("a bearer token is required (Authorization: Bearer <JWT>)");
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : authorization.trim();
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
