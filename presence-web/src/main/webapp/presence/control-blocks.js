/**
 * Makes form controls read-only or disabled for a reason, and gives them back as they were once no
 * reason is left. Two helpers block the same controls for different reasons (a field lock held by
 * someone else, a record being changed by a back-end process), so neither may simply undo the other's
 * `readOnly` or `disabled`.
 *
 * - reason "lock": read-only where the control has that notion (text-like inputs, textarea), so the
 *   user can still focus it and read the badge; other controls (select, checkbox) are disabled.
 * - any other reason (e.g. "stale"): disabled.
 *
 * The control's own `readOnly` and `disabled` from before the first block come back afterwards.
 */
const blocked = new WeakMap();
const NO_READ_ONLY = new Set(["checkbox", "radio", "file", "range", "color", "hidden", "button", "submit", "reset", "image"]);

/**
 * @param {HTMLElement} control an input, select, textarea or button
 * @param {string} reason
 * @param {boolean} on
 */
export function block(control, reason, on) {
  let entry = blocked.get(control);
  if (!entry) {
    if (!on) return;
    entry = { reasons: new Set(), readOnly: control.readOnly, disabled: control.disabled };
    blocked.set(control, entry);
  }
  if (on) entry.reasons.add(reason);
  else entry.reasons.delete(reason);
  const lock = entry.reasons.has("lock");
  const readOnlyWorks = supportsReadOnly(control);
  if ("readOnly" in control) control.readOnly = entry.readOnly || (lock && readOnlyWorks);
  control.disabled = entry.disabled || [...entry.reasons].some((r) => r !== "lock") || (lock && !readOnlyWorks);
  if (!entry.reasons.size) blocked.delete(control);
}

/** Whether a reason blocks the control now. */
export function isBlocked(control, reason) {
  return Boolean(blocked.get(control)?.reasons.has(reason));
}

function supportsReadOnly(control) {
  return control instanceof HTMLTextAreaElement
    || (control instanceof HTMLInputElement && !NO_READ_ONLY.has(control.type));
}
