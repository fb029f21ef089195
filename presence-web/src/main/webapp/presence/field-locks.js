import { block } from "./control-blocks.js";
import "./presence-lock-badge.js";

/**
 * Lets a form's fields follow the user's focus with field locks (docs/client.md, "Field locks"):
 *
 * - focusing a field asks for its lock; leaving it gives the lock back;
 * - a field someone else holds is read-only (selects and checkboxes, which cannot be read-only, are
 *   disabled) and its `<presence-lock-badge>` names the holder; this follows the record live, whether
 *   or not the field has the focus;
 * - when the holder leaves a field that still has this user's focus, this tab takes the lock;
 * - a field the server does not let anyone lock (`field_not_lockable`) is left alone from then on.
 *
 * The field's name is `data-lock-field` or else `name`. Each field gets a badge: one the page placed
 * inside `target` (`<presence-lock-badge field="customer">`), or one inserted after the field (after
 * its `<label>` when the label wraps it, so the badge does not become part of the field's name); the
 * field's `aria-describedby` points at it. Every outcome is told as a `fieldlock` event that bubbles
 * from the field, detail `{field, status, lock, heldBy, error}` with status granted | refused |
 * released | lost | error.
 *
 * @param {HTMLFormElement|HTMLFieldSetElement|Iterable<HTMLElement>} target a form or fieldset (its named
 *   controls but buttons), or the fields themselves
 * @param {import("./presence-client.js").PresenceClient} client
 * @param {{fields?: string[]}} [options] only these fields (by default every named control)
 * @returns {{unbind: () => void}} unbind removes the listeners and inserted badges and gives back held locks
 */
export function bindFieldLocks(target, client, { fields } = {}) {
  return new FieldLockBinding(target, client, fields);
}

class FieldLockBinding {
  #client;
  #inputs;
  #badges = [];
  #queues = new Map();
  #notLockable = new Set();
  #listeners = [];

  constructor(target, client, fields) {
    this.#client = client;
    const all = target instanceof HTMLFormElement || target instanceof HTMLFieldSetElement
      ? [...target.elements].filter((e) => e.name && !(e instanceof HTMLButtonElement) && e.type !== "hidden"
        && !(e instanceof HTMLFieldSetElement))
      : [...target];
    this.#inputs = all.filter((input) => !fields || fields.includes(fieldOf(input)));
    client.watchRecordState();
    for (const input of this.#inputs) {
      this.#badgeFor(input, target instanceof HTMLElement ? target : null);
      this.#listen(input, "focus", () => this.#take(input));
      this.#listen(input, "blur", () => this.#leave(input));
    }
    this.#listen(client, "recordchange", () => this.#follow());
    this.#listen(client, "locklost", (e) => this.#lost(e.detail));
    this.#follow();
  }

  unbind() {
    this.#listeners.forEach(([on, type, fn]) => on.removeEventListener(type, fn));
    this.#listeners = [];
    this.#badges.forEach((badge) => badge.remove());
    for (const input of this.#inputs) {
      block(input, "lock", false);
      if (this.#client.holdsLock(fieldOf(input))) this.#client.releaseLock(fieldOf(input)).catch(() => {});
    }
  }

  /** Focus: ask for the lock, once it is this field's turn and if the focus is still there. */
  #take(input) {
    const field = fieldOf(input);
    if (this.#notLockable.has(field)) return;
    this.#enqueue(field, async () => {
      if (document.activeElement !== input || this.#client.holdsLock(field)) return;
      try {
        const answer = await this.#client.acquireLock(field);
        this.#tell(input, answer.granted ? "granted" : "refused", answer);
        if (!answer.granted) block(input, "lock", true);
      } catch (error) {
        if (error.code === "field_not_lockable") this.#notLockable.add(field);
        this.#tell(input, "error", { error });
      }
    });
  }

  /** Blur: give the lock back, unless the focus came back meanwhile. */
  #leave(input) {
    const field = fieldOf(input);
    this.#enqueue(field, async () => {
      if (document.activeElement === input || !this.#client.holdsLock(field)) return;
      try {
        this.#tell(input, "released", await this.#client.releaseLock(field));
      } catch (error) {
        this.#tell(input, "error", { error });
      }
    });
  }

  /** The record changed: read-only where another tab holds the lock; take a freed field that has the focus. */
  #follow() {
    for (const input of this.#inputs) {
      const field = fieldOf(input);
      const lock = this.#client.lockOf(field);
      const other = Boolean(lock && lock.tab_id !== this.#client.tabId);
      block(input, "lock", other);
      input.dataset.lock = other ? "held" : lock ? "mine" : "";
      if (!lock && document.activeElement === input && !this.#client.holdsLock(field)) this.#take(input);
    }
  }

  #lost({ field, reason, heldBy }) {
    this.#inputs.filter((input) => fieldOf(input) === field)
      .forEach((input) => this.#tell(input, "lost", { reason, heldBy }));
    this.#follow();
  }

  /** One request at a time per field, so a quick focus, blur and focus reach the server in that order. */
  #enqueue(field, task) {
    const next = (this.#queues.get(field) || Promise.resolve()).then(task).catch(() => {});
    this.#queues.set(field, next);
  }

  #badgeFor(input, root) {
    const field = fieldOf(input);
    let badge = [...(root?.querySelectorAll("presence-lock-badge") || [])].find((b) => b.getAttribute("field") === field);
    if (!badge) {
      badge = document.createElement("presence-lock-badge");
      badge.setAttribute("field", field);
      const label = input.closest("label");
      (label || input).after(badge);
      this.#badges.push(badge);
    }
    if (!badge.hasAttribute("label")) badge.setAttribute("label", labelOf(input) || field);
    if (!badge.id) badge.id = `lock-badge-${Math.random().toString(36).slice(2, 8)}`;
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!described.includes(badge.id)) input.setAttribute("aria-describedby", [...described, badge.id].join(" "));
    badge.client = this.#client;
  }

  #tell(input, status, detail) {
    input.dispatchEvent(new CustomEvent("fieldlock", { bubbles: true,
      detail: { field: fieldOf(input), status, lock: null, heldBy: null, error: null, ...detail } }));
  }

  #listen(on, type, fn) {
    on.addEventListener(type, fn);
    this.#listeners.push([on, type, fn]);
  }
}

function fieldOf(input) {
  return input.dataset.lockField || input.name;
}

/** The words of the field's first label, without the text of controls inside it. */
function labelOf(input) {
  const label = input.labels?.[0];
  if (!label) return input.getAttribute("aria-label");
  return [...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(" ").trim();
}
