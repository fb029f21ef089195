/**
 * The viewers of one record as the client knows them, kept from a snapshot plus the diffs that follow
 * it (docs/protocol.md). Each diff carries the user's aggregate after the change, so applying it is
 * "replace that user's entry", or "remove it" when `viewer` is null; the client never recomputes an
 * aggregate from tabs itself.
 *
 * Ordering: a diff must carry exactly the last `seq` + 1. An older or repeated one is ignored; a
 * newer one means diffs were lost, and the caller must ask for a fresh snapshot.
 */
export class ViewerBook {
  #viewers = new Map();
  #seq = null;

  /** @param {{includeSelf?: boolean}} [options] keep the caller's own entry when true */
  constructor({ includeSelf = false } = {}) {
    this.includeSelf = includeSelf;
    this.currentUserId = null;
  }

  /** The last applied sequence number, null before the first snapshot. */
  get seq() {
    return this.#seq;
  }

  /**
   * Replaces everything with a snapshot (WebSocket) or a polled viewer list (REST).
   *
   * @param {object[]} viewers viewer objects in the protocol's shape
   * @param {number|null|undefined} seq the record's sequence number
   * @param {string|null|undefined} currentUserId the caller, as the server names them
   */
  replace(viewers, seq, currentUserId) {
    this.#viewers = new Map((viewers || []).map((v) => [String(v.id), v]));
    this.#seq = Number.isInteger(seq) ? seq : null;
    if (currentUserId !== undefined && currentUserId !== null) this.currentUserId = String(currentUserId);
  }

  /**
   * @param {{seq: number, tab: {user_id: string}, viewer: object|null}} diff
   * @returns {"applied"|"old"|"gap"|"waiting"} "gap" asks the caller to resubscribe; "waiting" means no
   *   snapshot has arrived yet, so there is nothing to apply the diff to
   */
  applyDiff(diff) {
    const outcome = this.advance(diff.seq);
    if (outcome !== "applied") return outcome;
    const userId = String(diff.viewer ? diff.viewer.id : diff.tab && diff.tab.user_id);
    if (diff.viewer) {
      this.#viewers.set(userId, diff.viewer);
    } else {
      this.#viewers.delete(userId);
    }
    return "applied";
  }

  /**
   * Moves to `seq` if it is the next number of the record's series. Lock and lifecycle messages are
   * numbered in the same series as the diffs, so the client steps through it here for them too.
   *
   * @param {number} seq
   * @returns {"applied"|"old"|"gap"|"waiting"} as for {@link applyDiff}
   */
  advance(seq) {
    if (this.#seq === null) return "waiting";
    if (!Number.isInteger(seq) || seq <= this.#seq) return "old";
    if (seq !== this.#seq + 1) return "gap";
    this.#seq = seq;
    return "applied";
  }

  /** Forgets the sequence so that the next diffs wait for a fresh snapshot. */
  invalidate() {
    this.#seq = null;
  }

  /** The viewers to show, ordered by name; the caller's own entry only with includeSelf. */
  list() {
    return [...this.#viewers.values()]
      .filter((v) => this.includeSelf || String(v.id) !== this.currentUserId)
      .sort((a, b) => String(a.user_name || a.id).localeCompare(String(b.user_name || b.id)));
  }
}
