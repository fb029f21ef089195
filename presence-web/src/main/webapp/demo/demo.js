import { PresenceClient } from "../presence/presence-client.js";
import "../presence/presence-viewers.js";
import { describeViewer } from "../presence/viewer-text.js";
import { devToken } from "./dev-token.js";
import { RecordForm } from "./record-form.js";

/**
 * The development demo (served only while the server issues development tokens): sign in as any user,
 * open a work order, edit it and watch the others live. URL parameters preset the forms and the
 * client: user, name, tenant, wo (open at once), transport (auto|websocket|rest), poll (ms), ws (URL),
 * api (the node's base URL when it is not this page's origin: the client then calls it through CORS).
 */
const params = new URLSearchParams(location.search);
const baseUrl = params.get("api") || undefined;
const $ = (id) => document.getElementById(id);
const session = JSON.parse(sessionStorage.getItem("presence-demo") || "null");
let client = null;

const recordForm = new RecordForm($("record-form"), (state) => {
  $("dirty-state").textContent = state.dirty ? "Unsaved changes" : "No unsaved changes";
  $("dirty-state").classList.toggle("dirty", state.dirty);
  client?.update(state);
});

function log(text) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $("log").prepend(item);
}

async function signIn(userId, name, tenant) {
  const signed = { token: await devToken(baseUrl, { user_id: userId, name, tenant }), userId, name, tenant };
  sessionStorage.setItem("presence-demo", JSON.stringify(signed));
  return signed;
}

function showSignedIn(signed) {
  $("signed-in").textContent = `Signed in as ${signed.name} (${signed.userId}), tenant ${signed.tenant}`;
  $("signed-in").hidden = false;
  $("login").hidden = true;
  $("open").hidden = false;
}

function open(signed, workOrderId) {
  client?.stop();
  $("record").hidden = false;
  $("record-title").textContent = `Work order ${workOrderId}`;
  $("notice").replaceChildren();
  $("editing-summary").textContent = "";
  recordForm.load({ title: `Assemble pump housing (${workOrderId})`, status: "planned", quantity: "12",
    description: "Mount the impeller, seal the housing and run the pressure test." });
  client = new PresenceClient({ baseUrl, token: signed.token, tenant: signed.tenant, resourceType: "work_order",
    resourceId: workOrderId, transport: params.get("transport") || "auto", wsUrl: params.get("ws") || undefined,
    pollIntervalMs: Number(params.get("poll")) || undefined });
  window.presenceDemo = { client };
  $("viewers").client = client;
  client.addEventListener("statechange", (e) => log(`connection: ${e.detail.state}${e.detail.transport ? ` (${e.detail.transport})` : ""}`));
  client.addEventListener("presenceerror", (e) => log(`error: ${e.detail.code} ${e.detail.message}`));
  client.addEventListener("resourceevent", (e) => showNotice(e.detail));
  client.addEventListener("viewerschange", (e) => showEditors(e.detail.viewers));
  client.start();
  log(`opened work order ${workOrderId} as tab ${client.tabId}`);
}

/** Spells out who edits, so the warning does not hide in a tooltip. */
function showEditors(viewers) {
  const editors = viewers.filter((v) => v.has_dirty_tab);
  $("editing-summary").textContent = editors.length ? `⚠ ${editors.map(describeViewer).join("; ")}` : "";
}

function showNotice(event) {
  const who = event.user || event.user_id || "someone";
  const text = document.createElement("span");
  text.textContent = `Work order ${event.resource_id ?? event.id} was ${event.action} by ${who}.`;
  const reload = document.createElement("a");
  reload.href = location.href;
  reload.textContent = "Reload";
  $("notice").replaceChildren(text, reload);
  log(`event: ${event.type} by ${who}`);
}

async function save(event) {
  event.preventDefault();
  const changed = recordForm.commit();
  try {
    await client.api.request("POST", "events", { resource_type: "work_order", resource_id: client.options.resourceId,
      action: "updated", data: changed });
    log("saved; event published");
  } catch (e) {
    log(`saved locally; the event was not published (${e.code})`);
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    showSignedIn(await signIn($("user-id").value.trim(), $("user-name").value.trim(), $("tenant").value.trim()));
  } catch (e) {
    log(`sign-in failed: ${e.message}`);
  }
});
$("open-form").addEventListener("submit", (event) => {
  event.preventDefault();
  open(JSON.parse(sessionStorage.getItem("presence-demo")), $("work-order-id").value.trim());
});
$("logout-button").addEventListener("click", () => {
  client?.stop();
  sessionStorage.removeItem("presence-demo");
  location.search = "";
});
$("record-form").addEventListener("submit", save);
$("discard-button").addEventListener("click", () => recordForm.discard());

for (const [param, field] of [["user", "user-id"], ["name", "user-name"], ["tenant", "tenant"], ["wo", "work-order-id"]]) {
  if (params.get(param)) $(field).value = params.get(param);
}
if (session) {
  showSignedIn(session);
  if (params.get("wo")) open(session, params.get("wo"));
}
