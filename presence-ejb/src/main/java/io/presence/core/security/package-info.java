/**
 * Authentication: bearer JWTs verified with Nimbus JOSE+JWT against a configured JWKS (refreshed on a
 * schedule) or PEM key, or in development with a key pair generated at start-up, and the tenant check
 * that turns a verified token plus {@code X-SX-Tenant} into a {@link io.presence.api.model.Caller}.
 *
 * <p>A token must be signed with an accepted asymmetric algorithm by a key whose {@code kid},
 * {@code alg} and {@code use} fit, carry no {@code crit} header parameter, name the configured issuer
 * ({@code iss}) and one of the configured audiences ({@code aud}), and not be expired. Claims:
 * {@code sub} is the user id, {@code name} (else {@code preferred_username}) the display name,
 * {@code tenant} (a string or an array) the tenants the user may act in, {@code groups} the roles,
 * {@code exp} the expiry, which also ends WebSocket connections opened with the token.
 *
 * <p>Refusals say which rule failed and never quote the token; nothing here logs a token.
 */
package io.presence.core.security;
