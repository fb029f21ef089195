/**
 * When to ask the page for a fresh token (docs/client.md, "Fresh tokens"). The expiry is read from the
 * token's payload without verifying it: it only schedules the request; the server verifies.
 */

/** The token's `exp` in ms since the epoch, or null when it is not a JWT with a numeric exp. */
export function tokenExpiry(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const exp = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, "="))).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch (e) {
    return null;
  }
}

/**
 * How long to wait before refreshing a token that expires at `expiresAtMs`: 30 s before it expires,
 * or after 70 % of what is left for a short-lived token, and never sooner than `minMs`.
 */
export function refreshDelay(expiresAtMs, nowMs, minMs = 1000) {
  const left = expiresAtMs - nowMs;
  return Math.max(minMs, left - Math.min(30000, left * 0.3));
}
