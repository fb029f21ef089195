/**
 * The words shown for users' status and typing, kept apart from the elements so that pages can reuse
 * them and so that every signal has a text form, never colour alone.
 */

const STATUS_LABELS = { online: "Online", away: "Away", offline: "Offline" };

/** "Online", "Away", "Offline"; "Unknown" for a user the server does not know (yet). */
export function statusLabel(status) {
  return STATUS_LABELS[status] || "Unknown";
}

/**
 * How long ago `lastSeen` (ISO 8601) was, in words: "just now" under a minute, then "5 minutes ago",
 * "3 hours ago", "2 days ago"; "" when unknown.
 *
 * @param {string|null} lastSeen
 * @param {number} [now] milliseconds since the epoch, replaceable for tests
 */
export function lastSeenText(lastSeen, now = Date.now()) {
  const at = Date.parse(lastSeen || "");
  if (Number.isNaN(at)) return "";
  const seconds = Math.max(0, (now - at) / 1000);
  if (seconds < 60) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "always" });
  for (const [unit, size] of [["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return "just now";
}

/**
 * One sentence about a user's status, used as the status element's accessible name and tooltip:
 * "Alice Smith is online", "Bob is away, last seen 5 minutes ago", "Carol is offline, last seen 2 days ago".
 */
export function describeUserStatus(name, user, now = Date.now()) {
  if (!user) return `${name}: status unknown`;
  const sentence = `${name} is ${statusLabel(user.status).toLowerCase()}`;
  const seen = user.status === "online" ? "" : lastSeenText(user.last_seen, now);
  return seen ? `${sentence}, last seen ${seen}` : sentence;
}

/** "Bob is typing…", "Bob and Carol are typing…", "Bob, Carol and 2 others are typing…"; "" for nobody. */
export function typingText(names) {
  if (!names.length) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? "other" : "others"} are typing…`;
}
