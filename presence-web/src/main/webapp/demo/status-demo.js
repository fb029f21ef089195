import { PresenceApi } from "../presence/presence-client.js";
import "../presence/presence-typing.js";
import "../presence/presence-user-status.js";
import { UserStatusClient } from "../presence/status-client.js";
import { bindTyping } from "../presence/typing.js";
import { devToken } from "./dev-token.js";

/**
 * The user status demo (development only): sign in as any user and see the tenant's users online, away
 * (their page hidden for a while) or offline (page closed), and who types in a conversation. Open it in
 * two browsers as two users to try it. URL parameters preset the form and the client: user, name,
 * tenant, conversation, participants (comma-separated user ids), transport (auto|websocket|rest),
 * poll (ms), away (ms a hidden page waits before it turns away; default 30000), ws (WebSocket URL),
 * api (the node's base URL when it is not this page's origin).
 */
const params = new URLSearchParams(location.search);
const baseUrl = params.get("api") || undefined;
const $ = (id) => document.getElementById(id);
let client = null;
let typingBinding = null;

function log(text) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $("log").prepend(item);
}

/**
 * Registers the conversation's participants the way the domain application would (a publisher's
 * `PUT …/participants`; the demo mints that token too): the list typed in, the signed-in user added.
 */
async function registerParticipants(claims, conversationId, listed) {
  const participants = [...new Set([...listed.split(","), claims.user_id].map((id) => id.trim()).filter(Boolean))];
  const token = await devToken(baseUrl, { ...claims, user_id: "status-demo", groups: ["presence-publisher"] });
  await new PresenceApi({ baseUrl, token, tenant: claims.tenant })
    .request("PUT", `conversations/${encodeURIComponent(conversationId)}/participants`, { participants });
  log(`conversation ${conversationId}: participants ${participants.join(", ")}`);
}

async function signIn() {
  const claims = { user_id: $("user-id").value.trim(), name: $("user-name").value.trim(), tenant: $("tenant").value.trim() };
  const conversationId = $("conversation-id").value.trim();
  const token = await devToken(baseUrl, claims);
  await registerParticipants(claims, conversationId, $("participants").value);
  $("signed-in").textContent = `Signed in as ${claims.name} (${claims.user_id}), tenant ${claims.tenant}`;
  $("signed-in").hidden = false;
  $("login").hidden = true;
  ["me", "people", "conversation"].forEach((id) => { $(id).hidden = false; });
  start(token, claims, conversationId);
}

function start(token, claims, conversationId) {
  client = new UserStatusClient({ baseUrl, token, tenant: claims.tenant, transport: params.get("transport") || "auto",
    wsUrl: params.get("ws") || undefined, pollIntervalMs: Number(params.get("poll")) || undefined,
    awayDelayMs: params.has("away") ? Number(params.get("away")) : undefined });
  const me = $("my-status");
  me.setAttribute("user-id", claims.user_id);
  me.setAttribute("name", claims.name);
  me.client = client;
  const typing = $("typing");
  typing.setAttribute("conversation-id", conversationId);
  typing.client = client;
  typingBinding = bindTyping($("message"), client, conversationId);
  window.statusDemo = { client, typing: typingBinding };
  client.addEventListener("statechange", (e) => log(`connection: ${e.detail.state}${e.detail.transport ? ` (${e.detail.transport})` : ""}`));
  client.addEventListener("presenceerror", (e) => log(`error: ${e.detail.code} ${e.detail.message}`));
  client.addEventListener("reported", (e) => log(`reported ${e.detail.status} as device ${client.deviceId}`));
  client.addEventListener("userschange", () => showUsers());
  client.addEventListener("statuschange", (e) => {
    if (!$("users").querySelector(`[data-user-id="${CSS.escape(e.detail.user.user_id)}"]`)) showUsers();
    log(`${e.detail.user.user_id} is ${e.detail.user.status}`);
  });
  client.addEventListener("typingchange", (e) => log(`${e.detail.userId} ${e.detail.isTyping ? "types" : "stopped typing"}`));
  client.start();
}

/** One row per known user: their id (their name for the signed-in user) and a live status element. */
function showUsers() {
  const rows = client.users.map((user) => {
    const row = document.createElement("li");
    row.dataset.userId = user.user_id;
    const name = document.createElement("span");
    name.className = "user-name";
    const self = user.user_id === client.currentUserId;
    name.textContent = self ? `${$("user-name").value} (you)` : user.user_id;
    const status = document.createElement("presence-user-status");
    status.setAttribute("user-id", user.user_id);
    status.setAttribute("name", self ? $("user-name").value : user.user_id);
    status.client = client;
    row.append(name, status);
    return row;
  });
  $("users").replaceChildren(...rows);
  $("no-users").hidden = rows.length > 0;
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await signIn();
  } catch (e) {
    log(`sign-in failed: ${e.message}`);
  }
});
$("status-mode").addEventListener("change", (e) => client?.setStatus(e.target.value));
$("message-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("message").value.trim();
  if (!text) return;
  const item = document.createElement("li");
  item.textContent = `${$("user-name").value}: ${text}`;
  $("messages").append(item);
  $("message").value = "";
  typingBinding?.reporter.stopped();
});
$("logout-button").addEventListener("click", () => {
  typingBinding?.detach();
  client?.stop();
  location.search = "";
});

for (const [param, field] of [["user", "user-id"], ["name", "user-name"], ["tenant", "tenant"],
  ["conversation", "conversation-id"], ["participants", "participants"]]) {
  if (params.get(param)) $(field).value = params.get(param);
}
