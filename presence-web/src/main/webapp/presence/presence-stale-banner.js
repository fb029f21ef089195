import { block } from "./control-blocks.js";

/**
 * `<presence-stale-banner for="order-form">`: says when a back-end process is changing the record
 * (docs/protocol.md, "Record lifecycle") and pauses editing meanwhile.
 *
 * - While the record is `stale`: "Being modified by Nightly import. Editing is paused until it is
 *   done.", and every control of the element named by `for` (a form, fieldset or any container; or
 *   set `element.form`) is disabled. Their own disabled state comes back afterwards.
 * - When the record stops being stale with a higher version (MUTATED arrived): "Nightly import finished
 *   changing this record: it is now at version 5." The controls are enabled again; what the page shows
 *   may be out of date, which the page decides how to handle (reload, merge).
 * - When it stops being stale without a new version (the stale flag lapsed), or was never stale: hidden.
 *
 * `data-state` is "clear", "stale" or "updated". Feed it with `element.client = presenceClient` (it
 * follows `recordchange`; a REST client is made to watch the record's state) or set `element.record`
 * (`{stale, busy_by, version}`) yourself. The text sits in a polite status region.
 */
export class PresenceStaleBanner extends HTMLElement {
  static observedAttributes = ["for"];
  #client = null;
  #form = null;
  #blocked = [];
  #state = "clear";
  #stale = null;
  #record = null;
  #onChange = (e) => { this.record = e.detail.record; };

  set client(client) {
    this.#client?.removeEventListener("recordchange", this.#onChange);
    this.#client = client;
    client.addEventListener("recordchange", this.#onChange);
    client.watchRecordState();
    this.#state = "clear";
    this.#stale = null;
    this.record = client.record;
  }

  /** The container whose controls are disabled while the record is stale (instead of `for`). */
  set form(element) { this.#unblock(); this.#form = element; this.#render(); }
  get form() { return this.#form || (this.getAttribute("for") && document.getElementById(this.getAttribute("for"))); }

  get state() { return this.#state; }

  set record(record) {
    this.#record = record;
    if (record.stale) {
      if (this.#state !== "stale") this.#stale = { version: record.version, busyBy: record.busy_by };
      this.#stale.busyBy = record.busy_by ?? this.#stale.busyBy;
      this.#state = "stale";
    } else if (this.#state === "stale") {
      const newer = record.version !== null && (this.#stale.version === null || record.version > this.#stale.version);
      this.#state = newer ? "updated" : "clear";
    }
    this.#render();
  }

  connectedCallback() {
    this.setAttribute("role", "status");
    this.#render();
  }

  attributeChangedCallback() { this.#unblock(); this.#render(); }

  disconnectedCallback() { this.#unblock(); }

  #render() {
    this.dataset.state = this.#state;
    this.hidden = this.#state === "clear";
    const who = this.#stale?.busyBy;
    if (this.#state === "stale") {
      this.#setText("⟳", `Being modified by ${who || "another process"}. Editing is paused until it is done.`);
      this.#blockForm();
    } else {
      this.#unblock();
      if (this.#state === "updated") {
        this.#setText("✓", `${who || "A process"} finished changing this record: it is now at version ${this.#record.version}.`);
      } else {
        this.replaceChildren();
      }
    }
  }

  #setText(symbol, text) {
    const icon = document.createElement("span");
    icon.className = "ps-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = symbol;
    const message = document.createElement("span");
    message.className = "ps-text";
    message.textContent = text;
    this.replaceChildren(icon, message);
  }

  #blockForm() {
    const form = this.form;
    if (!form) return;
    [...form.querySelectorAll("input, select, textarea, button")].filter((c) => !this.#blocked.includes(c)).forEach((c) => {
      block(c, "stale", true);
      this.#blocked.push(c);
    });
  }

  #unblock() {
    this.#blocked.forEach((c) => block(c, "stale", false));
    this.#blocked = [];
  }
}

if (!customElements.get("presence-stale-banner")) customElements.define("presence-stale-banner", PresenceStaleBanner);
