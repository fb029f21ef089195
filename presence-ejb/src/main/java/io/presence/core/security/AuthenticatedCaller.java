package io.presence.core.security;

import io.presence.api.model.Caller;
import java.time.Instant;

/**
 * A caller and the moment its token expires: a WebSocket connection lives on one token, and is closed
 * at {@code expiresAt} unless the client sends a fresh one (docs/protocol.md, "Token expiry").
 *
 * @param expiresAt the token's {@code exp} plus the allowed clock skew: when the token stops being accepted
 */
public record AuthenticatedCaller(Caller caller, Instant expiresAt) {}
