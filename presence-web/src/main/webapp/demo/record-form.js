/**
 * Dirty tracking for one of the demo's record forms (a form, or a fieldset of one): remembers the
 * values it was loaded with, and tells `onChange({mode, dirty, activeField})` whenever one of the three
 * changes. A field with focus puts the tab in "edit" mode; so does any unsaved change, as
 * docs/protocol.md defines `mode`.
 */
export class RecordForm {
  #original = {};
  #focused = null;

  /** @param {HTMLFormElement|HTMLFieldSetElement} form @param {(state: object) => void} onChange */
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    form.addEventListener("input", () => this.#changed());
    form.addEventListener("change", () => this.#changed());
    form.addEventListener("focusin", (e) => { this.#focused = e.target.name || null; this.#changed(); });
    form.addEventListener("focusout", () => { this.#focused = null; this.#changed(); });
  }

  /** Shows a record's values and makes them the clean state. */
  load(values) {
    for (const [name, value] of Object.entries(values)) this.form.elements[name].value = value;
    this.#original = this.values();
    this.#changed();
  }

  /** Makes the current values the clean state (after a save) and returns the fields that changed. */
  commit() {
    const changed = Object.fromEntries(Object.entries(this.values()).filter(([k, v]) => this.#original[k] !== v));
    this.#original = this.values();
    this.#changed();
    return changed;
  }

  /** Puts the clean values back. */
  discard() {
    this.load(this.#original);
  }

  values() {
    return Object.fromEntries([...this.form.elements].filter((e) => e.name).map((e) => [e.name, e.value]));
  }

  get dirty() {
    const now = this.values();
    return Object.keys(now).some((k) => now[k] !== this.#original[k]);
  }

  #changed() {
    const dirty = this.dirty;
    this.onChange({ mode: dirty || this.#focused ? "edit" : "view", dirty, activeField: this.#focused });
  }
}
