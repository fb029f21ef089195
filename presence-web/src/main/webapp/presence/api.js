/**
 * The REST side of docs/protocol.md as seen from a page: every call carries the bearer token and the
 * tenant, or, without a token, relies on the page's token cookie (same origin) and sends the
 * `X-CSRF-TOKEN` header that cookie-authenticated POST, PUT and DELETE need; every answer is unwrapped
 * from its envelope. A failure is thrown as a {@link PresenceError}
 * carrying the HTTP status and the envelope's error code, so callers can tell "the network is down"
 * (status 0) from "the server refused" (4xx) from "the store is down" (503). An `error` reply on the
 * WebSocket becomes one too, with status null.
 */
export class PresenceError extends Error {
  /**
   * @param {number} status HTTP status, 0 when no answer arrived
   * @param {string} code the envelope's error code, or "network_error"
   * @param {string} message
   * @param {object} [details] the envelope's `error.details`, e.g. `{field, held_by, held_by_name}` or `{retry_after_ms}`
   */
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = "PresenceError";
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export class PresenceApi {
  /**
   * @param {{baseUrl?: string, token?: string, tenant?: string, csrfToken?: string}} options baseUrl
   *   defaults to the page's origin; without `token` the cookie authenticates, and `csrfToken` (default:
   *   the page's `<meta name="csrf-token">`, else "1") is sent as `X-CSRF-TOKEN`
   */
  constructor({ baseUrl = "", token, tenant, csrfToken }) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.token = token;
    this.tenant = tenant;
    this.csrfToken = csrfToken;
  }

  /** The headers that authenticate a call: the bearer token, or the CSRF guard of the cookie. */
  authHeaders() {
    const headers = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    else headers["X-CSRF-TOKEN"] = this.csrfToken
      || globalThis.document?.querySelector('meta[name="csrf-token"]')?.content || "1";
    if (this.tenant) headers["X-SX-Tenant"] = this.tenant;
    return headers;
  }

  /** Absolute URL of a path under /api/v1. */
  url(path) {
    return new URL(`${this.baseUrl}/api/v1/${path}`, globalThis.location?.href).href;
  }

  /**
   * The URL of the WebSocket `/api/v1/ws` (or `override`), with the token and tenant as query
   * parameters; without a token the browser's cookie authenticates the handshake.
   */
  socketUrl(override) {
    const url = new URL(override || this.url("ws"), globalThis.location?.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (this.token) url.searchParams.set("access_token", this.token);
    if (this.tenant) url.searchParams.set("tenant", this.tenant);
    return url.href;
  }

  /**
   * @param {string} method
   * @param {string} path below /api/v1, e.g. "presence/work_order/WO-1/viewers"
   * @param {object} [body] sent as JSON
   * @returns {Promise<any>} the envelope's `data`
   */
  async request(method, path, body) {
    const headers = this.authHeaders();
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(this.url(path), {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store",
      });
    } catch (e) {
      throw new PresenceError(0, "network_error", String(e && e.message || e));
    }
    const envelope = await response.json().catch(() => null);
    if (!response.ok || !envelope || envelope.success !== true) {
      const error = envelope && envelope.error || {};
      throw new PresenceError(response.status, error.code || "http_" + response.status,
        error.message || response.statusText, error.details);
    }
    return envelope.data;
  }

  /**
   * Unregisters a tab while the page goes away. `navigator.sendBeacon` survives the page's end but can
   * only POST without headers, so the token and tenant travel in the body (PresenceResource accepts
   * that on POST .../unregister). The body is JSON sent as `text/plain`: a type browsers send across
   * origins without a preflight, which a beacon cannot make. Falls back to a keep-alive fetch where
   * sendBeacon is missing, and uses a keep-alive `DELETE` with the CSRF header when the cookie
   * authenticates (a beacon cannot carry the header).
   *
   * @returns {boolean} whether the browser queued the request
   */
  beaconUnregister(resourceType, resourceId, tabId) {
    const url = this.url(`presence/${enc(resourceType)}/${enc(resourceId)}/unregister`);
    if (!this.token) {
      fetch(url, { method: "DELETE", keepalive: true, body: JSON.stringify({ tab_id: tabId }),
        headers: { ...this.authHeaders(), "Content-Type": "application/json" } }).catch(() => {});
      return true;
    }
    const body = JSON.stringify({ tab_id: tabId, access_token: this.token, tenant: this.tenant });
    if (navigator.sendBeacon) {
      return navigator.sendBeacon(url, new Blob([body], { type: "text/plain;charset=UTF-8" }));
    }
    fetch(url, { method: "POST", body, keepalive: true, headers: { "Content-Type": "application/json" } })
      .catch(() => {});
    return true;
  }
}

/** Encodes one path segment. */
export function enc(segment) {
  return encodeURIComponent(segment);
}
