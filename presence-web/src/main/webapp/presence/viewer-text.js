/**
 * The words the UI uses for viewers and connection states, kept apart from the element so that a page
 * can reuse them (e.g. in its own notices) and so that every signal has a text form, not colour only.
 */

/** "Alice Smith" -> "AS", "bob" -> "B", "Jean-Luc Picard" -> "JP"; at most two letters. */
export function initials(name) {
  const words = String(name).trim().split(/[\s._-]+/).filter(Boolean);
  if (!words.length) return "?";
  const letters = words.length === 1 ? [words[0]] : [words[0], words[words.length - 1]];
  return letters.map((w) => [...w][0].toUpperCase()).join("");
}

/** One sentence about a viewer, used as its tooltip and accessible name. */
export function describeViewer(viewer) {
  const name = viewer.user_name || viewer.id;
  const parts = [viewer.has_dirty_tab ? `${name} is editing (unsaved changes)`
    : viewer.mode === "edit" ? `${name} is in edit mode` : `${name} is viewing`];
  const fields = viewer.active_fields || [];
  if (fields.length) parts.push(`field: ${fields.join(", ")}`);
  if (viewer.tabs > 1) parts.push(`${viewer.tabs} tabs`);
  return parts.join(", ");
}

const LABELS = {
  connecting: "Connecting…",
  live: "Live",
  polling: "Live (polling)",
  reconnecting: "Reconnecting…",
  offline: "Offline, retrying",
  refused: "Not connected",
  stopped: "Not connected",
};

/** The text shown for a client state. */
export function stateLabel(state) {
  return LABELS[state] || state;
}
