import { describeUserStatus, lastSeenText, statusLabel } from "./status-text.js";

/**
 * `<presence-user-status user-id="u1" name="Alice Smith">`: one user's status as a dot and words,
 * "● Online", "● Away · last seen 5 minutes ago", "● Offline · last seen 2 days ago". The dot is
 * decoration (hidden from assistive technology); the words and the element's accessible name carry the
 * status, so colour is never the only signal. `data-status` on the element says the status for styling
 * and tests.
 *
 * Feed it with `element.client = userStatusClient` (it follows the client's `statuschange` and
 * `userschange` events for its user), or set `element.user = {status, last_seen}` yourself. The "last
 * seen" words are refreshed every 30 s. Attributes: `user-id` (required with a client), `name` (shown
 * in the accessible name; the user id when absent), `compact` (the dot only; the words stay in the
 * accessible name and tooltip).
 */
export class PresenceUserStatus extends HTMLElement {
  static observedAttributes = ["user-id", "name", "compact"];
  #client = null;
  #user = null;
  #tick = null;
  #rendered = null;
  #onChange = () => { this.#user = this.#client?.user(this.userId) || null; this.#render(); };

  get userId() { return this.getAttribute("user-id"); }

  set client(client) {
    this.#follow(false);
    this.#client = client;
    this.#follow(this.isConnected);
    this.#onChange();
  }

  get client() { return this.#client; }

  set user(user) { this.#user = user || null; this.#render(); }
  get user() { return this.#user; }

  connectedCallback() {
    this.setAttribute("role", "img");
    this.#follow(true);
    this.#tick = setInterval(() => this.#render(), 30000);
    if (this.#client) this.#onChange(); else this.#render();
  }

  /** A removed element stops listening, so that pages that rebuild lists do not leak listeners. */
  disconnectedCallback() {
    this.#follow(false);
    clearInterval(this.#tick);
  }

  #follow(on) {
    for (const type of ["statuschange", "userschange"]) {
      this.#client?.removeEventListener(type, this.#onChange);
      if (on) this.#client?.addEventListener(type, this.#onChange);
    }
  }

  attributeChangedCallback(name) {
    if (name === "user-id" && this.#client) this.#onChange(); else this.#render();
  }

  /** Rebuilds only when the words change, so a screen reader is not told the same thing again. */
  #render() {
    if (!this.isConnected) return;
    const status = this.#user?.status || "unknown";
    const label = describeUserStatus(this.getAttribute("name") || this.userId || "User", this.#user);
    const seen = status === "online" || !this.#user ? "" : lastSeenText(this.#user.last_seen);
    const key = [status, label, seen, this.hasAttribute("compact")].join("|");
    if (key === this.#rendered) return;
    this.#rendered = key;
    this.dataset.status = status;
    this.setAttribute("aria-label", label);
    this.title = label;
    const dot = span("pus-dot", "●");
    const parts = [dot];
    if (!this.hasAttribute("compact")) {
      parts.push(span("pus-label", statusLabel(status)));
      if (seen) parts.push(span("pus-seen", `· last seen ${seen}`));
    }
    parts.forEach((part) => part.setAttribute("aria-hidden", "true"));
    this.replaceChildren(...parts);
  }
}

function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  node.textContent = text;
  return node;
}

if (!customElements.get("presence-user-status")) customElements.define("presence-user-status", PresenceUserStatus);
