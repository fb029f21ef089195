import { bindFieldLocks } from "../presence/field-locks.js";
import { PresenceClient } from "../presence/presence-client.js";
import "../presence/presence-stale-banner.js";
import "../presence/presence-viewers.js";
import { describeViewer } from "../presence/viewer-text.js";
import { devToken } from "./dev-token.js";
import { RecordForm } from "./record-form.js";

/**
 * The development demo (served only while the server issues development tokens): sign in as any user,
 * open a work order or a sales order, edit it and watch the others live: who views and edits, which
 * fields are locked by whom (a field follows the focus), and when a back-end process changes the
 * record. URL parameters preset the forms and the client: user, name, tenant, type (work_order|order),
 * id (open at once; wo is the same for a work order), transport (auto|websocket|rest), poll (ms),
 * ws (URL), api (the node's base URL when it is not this page's origin: the client then calls it
 * through CORS).
 */
const params = new URLSearchParams(location.search);
const baseUrl = params.get("api") || undefined;
const $ = (id) => document.getElementById(id);
const session = JSON.parse(sessionStorage.getItem("presence-demo") || "null");
let client = null;
let fieldLocks = null;
let openType = "work_order";

/** The record types the demo can open: their form's fieldset and the values a record is shown with. */
const TYPES = {
  work_order: { name: "Work order", defaultId: "WO-1001", sample: (id) => ({ title: `Assemble pump housing (${id})`,
    status: "planned", quantity: "12", description: "Mount the impeller, seal the housing and run the pressure test." }) },
  order: { name: "Sales order", defaultId: "SO-1001", sample: (id) => ({ customer: "Northwind Traders",
    totalAmount: "1250.00", deliveryDate: "2026-12-15", status: "confirmed", note: `Deliver to dock 3 (${id}).` }) },
};
const recordForms = Object.fromEntries(Object.keys(TYPES).map((type) => [type,
  new RecordForm($(`${type}-fields`), (state) => type === openType && showDirty(state))]));

function showDirty(state) {
  $("dirty-state").textContent = state.dirty ? "Unsaved changes" : "No unsaved changes";
  $("dirty-state").classList.toggle("dirty", state.dirty);
  client?.update(state);
}

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

function open(signed, type, id) {
  client?.stop();
  fieldLocks?.unbind();
  openType = type;
  for (const other of Object.keys(TYPES)) $(`${other}-fields`).hidden = $(`${other}-fields`).disabled = other !== type;
  $("record").hidden = false;
  $("record-title").textContent = `${TYPES[type].name} ${id}`;
  $("notice").replaceChildren();
  $("editing-summary").textContent = "";
  recordForms[type].load(TYPES[type].sample(id));
  client = new PresenceClient({ baseUrl, token: signed.token, tenant: signed.tenant, resourceType: type,
    resourceId: id, transport: params.get("transport") || "auto", wsUrl: params.get("ws") || undefined,
    pollIntervalMs: Number(params.get("poll")) || undefined });
  window.presenceDemo = { client };
  $("viewers").client = client;
  $("stale-banner").client = client;
  fieldLocks = bindFieldLocks($(`${type}-fields`), client);
  client.addEventListener("statechange", (e) => log(`connection: ${e.detail.state}${e.detail.transport ? ` (${e.detail.transport})` : ""}`));
  client.addEventListener("presenceerror", (e) => log(`error: ${e.detail.code} ${e.detail.message}`));
  client.addEventListener("resourceevent", (e) => showNotice(e.detail));
  client.addEventListener("viewerschange", (e) => showEditors(e.detail.viewers));
  client.addEventListener("recordchange", (e) => showRecord(e.detail));
  client.start();
  log(`opened ${TYPES[type].name.toLowerCase()} ${id} as tab ${client.tabId}`);
}

/** The version in the heading, and lock and lifecycle changes in the activity log. */
function showRecord({ record, change }) {
  $("record-version").hidden = record.version === null;
  $("record-version").textContent = `version ${record.version}`;
  if (change.lock) log(`${change.lock.field} ${change.type} (${change.lock.user_name || change.lock.user_id})${change.reason ? `, ${change.reason}` : ""}`);
  if (change.type === "lifecycle") {
    log(record.stale ? `being modified by ${record.busy_by || "a process"}` : `record ${change.reason}, now version ${record.version}`);
  }
}

function describeFieldLock({ field, status, heldBy, error, reason }) {
  const holder = heldBy ? `, held by ${heldBy.user_name || heldBy.user_id}` : "";
  return `lock of ${field}: ${status}${holder}${reason ? ` (${reason})` : ""}${error ? ` (${error.code})` : ""}`;
}

/** Spells out who edits, so the warning does not hide in a tooltip. */
function showEditors(viewers) {
  const editors = viewers.filter((v) => v.has_dirty_tab);
  $("editing-summary").textContent = editors.length ? `⚠ ${editors.map(describeViewer).join("; ")}` : "";
}

function showNotice(event) {
  const who = event.user || event.user_id || "someone";
  const text = document.createElement("span");
  text.textContent = `${TYPES[openType].name} ${event.resource_id ?? event.id} was ${event.action} by ${who}.`;
  const reload = document.createElement("a");
  reload.href = location.href;
  reload.textContent = "Reload";
  $("notice").replaceChildren(text, reload);
  log(`event: ${event.type} by ${who}`);
}

async function save(event) {
  event.preventDefault();
  const changed = recordForms[openType].commit();
  try {
    await client.api.request("POST", "events", { resource_type: openType, resource_id: client.options.resourceId,
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
  open(JSON.parse(sessionStorage.getItem("presence-demo")), $("record-type").value, $("record-id").value.trim());
});
$("record-type").addEventListener("change", () => {
  const defaults = Object.values(TYPES).map((t) => t.defaultId);
  if (defaults.includes($("record-id").value)) $("record-id").value = TYPES[$("record-type").value].defaultId;
});
$("logout-button").addEventListener("click", () => {
  client?.stop();
  sessionStorage.removeItem("presence-demo");
  location.search = "";
});
$("record-form").addEventListener("submit", save);
$("record-form").addEventListener("fieldlock", (e) => log(describeFieldLock(e.detail)));
$("discard-button").addEventListener("click", () => recordForms[openType].discard());

const presets = [["user", "user-id"], ["name", "user-name"], ["tenant", "tenant"], ["type", "record-type"],
  ["wo", "record-id"], ["id", "record-id"]];
for (const [param, field] of presets) {
  if (params.get(param)) $(field).value = params.get(param);
}
if (session) {
  showSignedIn(session);
  if (params.get("id") || params.get("wo")) open(session, $("record-type").value, $("record-id").value);
}
