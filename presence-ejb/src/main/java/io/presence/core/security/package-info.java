/**
 * Authentication: bearer JWTs (RS256 or ES256) verified with a configured PEM key or JWKS, or in
 * development with a key pair generated at start-up, and the tenant check that turns a verified token
 * plus {@code X-SX-Tenant} into a {@link io.presence.api.model.Caller}.
 *
 * <p>Claims: {@code sub} is the user id, {@code name} (else {@code preferred_username}) the display
 * name, {@code tenant} (a string or an array) the tenants the user may act in, {@code groups} the
 * roles. {@code exp} is required.
 */
package io.presence.core.security;
