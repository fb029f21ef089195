import { describeViewer, initials, stateLabel } from "./viewer-text.js";

/**
 * `<presence-viewers max="3">`: the "who's viewing" strip. Shows the other users as avatars with
 * initials, at most `max` of them and then "+K"; a user with unsaved changes gets an "editing" badge
 * (a pencil and the word, never colour alone); every avatar is focusable and carries a tooltip and an
 * accessible name that say who it is, whether they edit, which field and how many tabs. The
 * connection state is shown as text in a polite live region.
 *
 * Feed it with `element.client = presenceClient` (it follows the client's events), or set
 * `element.viewers` and `element.state` yourself. Renders into light DOM, styled by presence.css,
 * and builds every node with textContent, so user names can never inject markup.
 */
export class PresenceViewers extends HTMLElement {
  static observedAttributes = ["max"];
  #client = null;
  #viewers = [];
  #state = "stopped";
  #rendered = null;
  #onViewers = (e) => { this.viewers = e.detail.viewers; };
  #onState = (e) => { this.state = e.detail.state; };

  set client(client) {
    this.#client?.removeEventListener("viewerschange", this.#onViewers);
    this.#client?.removeEventListener("statechange", this.#onState);
    this.#client = client;
    client.addEventListener("viewerschange", this.#onViewers);
    client.addEventListener("statechange", this.#onState);
    this.#viewers = client.viewers;
    this.state = client.state;
  }

  set viewers(viewers) { this.#viewers = viewers || []; this.#render(); }
  get viewers() { return this.#viewers; }
  set state(state) { this.#state = state; this.#render(); }
  get state() { return this.#state; }

  connectedCallback() { this.#render(); }
  attributeChangedCallback() { this.#render(); }

  /**
   * Rebuilds the strip, but only when what it shows changed (a REST client delivers the same list on
   * every poll), and gives the keyboard focus back to the same user's avatar, so that polling never
   * takes the focus or a shown tooltip away from a keyboard user.
   */
  #render() {
    if (!this.isConnected) return;
    const key = JSON.stringify([this.getAttribute("max"), this.#state, this.#viewers]);
    if (key === this.#rendered) return;
    this.#rendered = key;
    const focused = this.contains(document.activeElement) ? document.activeElement : null;
    const focusedUser = focused?.dataset.userId ?? (focused?.classList.contains("pv-more") ? "+" : null);
    const max = Math.max(1, Number.parseInt(this.getAttribute("max") || "3", 10) || 3);
    const shown = this.#viewers.length > max ? this.#viewers.slice(0, max - 1) : this.#viewers;
    const hidden = this.#viewers.slice(shown.length);
    const list = el("ul", "pv-avatars");
    list.setAttribute("aria-label", "Other viewers");
    shown.forEach((viewer) => list.append(this.#avatar(viewer)));
    if (hidden.length) list.append(this.#more(hidden));
    const root = el("div", "pv");
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", "Who's viewing");
    root.append(list);
    if (!this.#viewers.length) root.append(el("span", "pv-empty", "No one else is here"));
    root.append(this.#stateNode());
    this.replaceChildren(root);
    if (focusedUser !== null) {
      (focusedUser === "+" ? this.querySelector(".pv-more")
        : [...this.querySelectorAll(".pv-avatar")].find((a) => a.dataset.userId === focusedUser))?.focus();
    }
  }

  #avatar(viewer) {
    const editing = Boolean(viewer.has_dirty_tab);
    const item = el("li", editing ? "pv-avatar pv-editing" : "pv-avatar");
    item.dataset.userId = viewer.id;
    item.style.setProperty("--pv-hue", String(hue(String(viewer.id))));
    const text = describeViewer(viewer);
    withTooltip(item, text, `${this.#tipPrefix()}-${viewer.id}`);
    item.prepend(el("span", "pv-initials", initials(viewer.user_name || viewer.id)));
    if (editing) item.append(el("span", "pv-badge", "✎ editing"));
    return item;
  }

  #more(hidden) {
    const item = el("li", "pv-more", `+${hidden.length}`);
    withTooltip(item, `${hidden.length} more: ${hidden.map(describeViewer).join("; ")}`, `${this.#tipPrefix()}-more`);
    return item;
  }

  #stateNode() {
    const node = el("span", `pv-state pv-state-${this.#state}`);
    node.setAttribute("role", "status");
    node.setAttribute("aria-live", "polite");
    node.dataset.state = this.#state;
    node.append(el("span", "pv-dot", "●"), " ", stateLabel(this.#state));
    return node;
  }

  #tipPrefix() {
    if (!this.id) this.id = `pv-${Math.random().toString(36).slice(2, 8)}`;
    return this.id;
  }
}

/** Focusable element whose accessible name is `text`, with a tooltip shown on hover and on focus. */
function withTooltip(item, text, tipId) {
  item.tabIndex = 0;
  item.setAttribute("aria-label", text);
  item.title = text;
  const tip = el("span", "pv-tip", text);
  tip.id = tipId.replace(/[^A-Za-z0-9_-]/g, "_");
  tip.setAttribute("role", "tooltip");
  tip.setAttribute("aria-hidden", "true");
  item.append(tip);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (tag === "span" && className && /pv-(initials|badge|dot)/.test(className)) node.setAttribute("aria-hidden", "true");
  return node;
}

/** A stable hue per user, decoration only: initials and labels carry the identity. */
function hue(id) {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.codePointAt(0)) % 360;
  return h;
}

if (!customElements.get("presence-viewers")) customElements.define("presence-viewers", PresenceViewers);
