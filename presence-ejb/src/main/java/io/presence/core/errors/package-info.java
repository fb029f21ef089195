/**
 * The failures Presence reports to callers. Each carries the HTTP status, a stable machine-readable
 * code and details, so that the web layer renders every one of them in the same error envelope.
 * Nothing here may depend on JAX-RS: the same exceptions travel over WebSocket as error messages.
 */
package io.presence.core.errors;
