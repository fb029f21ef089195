import { PresenceApi } from "../presence/presence-client.js";

/**
 * A development token from `POST /api/v1/dev/token`, which the server offers only in development mode
 * (no verification key configured). The demo pages sign in with it.
 *
 * @param {string|undefined} baseUrl the node's base URL when it is not the page's origin
 * @param {{user_id: string, name: string, tenant: string, groups?: string[]}} claims
 * @returns {Promise<string>} the token
 */
export async function devToken(baseUrl, claims) {
  const api = new PresenceApi({ baseUrl, token: "" });
  const response = await fetch(api.url("dev/token"), { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(claims) });
  const envelope = await response.json();
  if (!envelope.success) throw new Error(envelope.error.message);
  return envelope.data.token;
}
