/**
 * `<presence-lock-badge field="customer" label="Customer">`: who holds the lock of one field, shown next
 * to it and updated live. Empty and hidden while nobody holds the lock; otherwise a padlock and "Alice
 * Smith" (or "You" for this tab's own lock, "You (other tab)" for another tab of the same user), with a
 * tooltip and an accessible name that say it in a sentence, e.g. "Customer is being edited by Alice
 * Smith". It is a polite status region, so a screen reader hears when someone takes or leaves the field.
 *
 * Feed it with `element.client = presenceClient` (it follows `recordchange`), or set `element.lock`
 * (a protocol lock or null) and `element.tabId` / `element.userId` (whose lock counts as "you")
 * yourself. `data-holder` carries the holder's user id ("" when free) and `data-mine` whether it is
 * this tab's lock. `label` names the field in sentences; it defaults to `field`.
 */
const SVG = "http://www.w3.org/2000/svg";

export class PresenceLockBadge extends HTMLElement {
  static observedAttributes = ["field", "label"];
  #client = null;
  #lock = null;
  #onChange = () => this.#follow();
  tabId = null;
  userId = null;

  set client(client) {
    this.#client?.removeEventListener("recordchange", this.#onChange);
    this.#client = client;
    client?.addEventListener("recordchange", this.#onChange);
    this.#follow();
  }

  get client() { return this.#client; }
  set lock(lock) { this.#lock = lock || null; this.#render(); }
  get lock() { return this.#lock; }

  connectedCallback() {
    this.setAttribute("role", "status");
    this.#render();
  }

  attributeChangedCallback() { this.#follow(); }

  /** Stops following the client (e.g. when the page binds the form to another record). */
  disconnectedCallback() {
    this.#client?.removeEventListener("recordchange", this.#onChange);
  }

  #follow() {
    if (!this.#client) return this.#render();
    this.tabId = this.#client.tabId;
    this.userId = this.#client.currentUserId;
    this.lock = this.#client.lockOf(this.getAttribute("field"));
  }

  #render() {
    const lock = this.#lock;
    this.hidden = !lock;
    this.dataset.holder = lock ? String(lock.user_id) : "";
    this.dataset.mine = String(Boolean(lock && lock.tab_id === this.tabId));
    if (!lock) {
      this.removeAttribute("aria-label");
      this.removeAttribute("title");
      this.replaceChildren();
      return;
    }
    const { short, sentence } = describeLock(lock, this.getAttribute("label") || this.getAttribute("field"),
      this.tabId, this.userId);
    this.setAttribute("aria-label", sentence);
    this.title = sentence;
    const name = document.createElement("span");
    name.className = "pl-name";
    name.textContent = short;
    this.replaceChildren(padlock(), name);
  }
}

/** A padlock drawn in the text colour: an emoji may be missing from the fonts, a path never is. */
function padlock() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "pl-icon");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z");
  svg.append(path);
  return svg;
}

/**
 * The words for a lock: `short` for the badge ("Alice Smith", "You", "You (other tab)") and a
 * `sentence` for its tooltip and accessible name.
 *
 * @param {{user_id: string, user_name?: string, tab_id: string}} lock
 * @param {string} label the field as people call it
 * @param {string|null} tabId this tab, whose lock is "you"
 * @param {string|null} userId this user, whose other tabs' locks are "you (other tab)"
 */
export function describeLock(lock, label, tabId, userId) {
  if (lock.tab_id === tabId) {
    return { short: "You", sentence: `You are editing ${label}; it is locked for everyone else` };
  }
  if (userId !== null && userId !== undefined && String(lock.user_id) === String(userId)) {
    return { short: "You (other tab)", sentence: `${label} is being edited by you in another tab` };
  }
  const who = lock.user_name || String(lock.user_id);
  return { short: who, sentence: `${label} is being edited by ${who}` };
}

if (!customElements.get("presence-lock-badge")) customElements.define("presence-lock-badge", PresenceLockBadge);
