import { newTabId } from "./tab-id.js";

const BROWSER_KEY = "presence.browser_id";

/**
 * A `device_id` for one page (docs/protocol.md, "User status and typing"): `<browser>-<page>`, where
 * `<browser>` is kept in localStorage (the same for every tab of this browser profile, so that a
 * server operator can tell a user's browsers apart) and `<page>` is new for every page load.
 *
 * Why not one id per browser: a device is one status. Two tabs of one browser with the same id would
 * be one device, so the WebSocket of the second tab would take the device over from the first, and
 * closing either tab would take the user offline while the other is still open. Each page is
 * therefore a device of its own; a reconnect of the same page keeps its id and so takes its device
 * over silently within the server's grace period. The result has 17 characters of `[0-9a-f-]`, well
 * within the protocol's 1-64 letters, digits or `. _ ~ -`.
 *
 * @returns {string}
 */
export function newDeviceId() {
  return `${browserId()}-${newTabId().replace(/-/g, "").slice(0, 8)}`;
}

function browserId() {
  try {
    let id = localStorage.getItem(BROWSER_KEY);
    if (!/^[0-9a-f]{8}$/.test(id || "")) {
      id = newTabId().replace(/-/g, "").slice(0, 8);
      localStorage.setItem(BROWSER_KEY, id);
    }
    return id;
  } catch (e) {
    // Storage may be disabled (privacy settings, sandboxed frames): the page part alone still works.
    return newTabId().replace(/-/g, "").slice(0, 8);
  }
}
