/**
 * A record's state as the client knows it (docs/protocol.md, "Field locks and record state"): the locks
 * of its fields, whether a back-end process is changing it (`stale`, `busy_by`, `stale_until`) and its
 * `version`. It is replaced by every snapshot (WebSocket) or polled state (REST), and changed by the
 * `locked`, `unlocked` and `lifecycle` messages that follow a snapshot; the client checks their `seq`
 * before it applies them.
 */
export class RecordState {
  #locks = new Map();
  #lifecycle = { stale: false, busy_by: null, stale_until: null, version: null };
  #key = null;

  /**
   * Replaces everything with the state members of a snapshot or of `GET /records/{type}/{id}`.
   *
   * @param {{locks?: object[], stale?: boolean, busy_by?: string|null, stale_until?: string|null,
   *   version?: number}} state
   * @returns {boolean} whether anything changed (a REST client replaces the same state on every poll)
   */
  replace(state) {
    this.#locks = new Map((state.locks || []).map((lock) => [lock.field, lock]));
    this.#setLifecycle(state);
    const key = JSON.stringify(this.view);
    const changed = key !== this.#key;
    this.#key = key;
    return changed;
  }

  /** Applies a `locked`, `unlocked` or `lifecycle` message whose `seq` was the next one. */
  apply(message) {
    if (message.type === "locked") this.#locks.set(message.lock.field, message.lock);
    if (message.type === "unlocked") this.#locks.delete(message.lock.field);
    if (message.type === "lifecycle") this.#setLifecycle(message);
    this.#key = JSON.stringify(this.view);
  }

  /** The lock of a field, or null when nobody holds it. */
  lock(field) {
    return this.#locks.get(field) || null;
  }

  /** `{locks, stale, busy_by, stale_until, version}`, locks ordered by field; `version` null until known. */
  get view() {
    const locks = [...this.#locks.values()].sort((a, b) => String(a.field).localeCompare(String(b.field)));
    return { locks, ...this.#lifecycle };
  }

  #setLifecycle(state) {
    this.#lifecycle = {
      stale: Boolean(state.stale),
      busy_by: state.busy_by ?? null,
      stale_until: state.stale_until ?? null,
      version: Number.isInteger(state.version) ? state.version : null,
    };
  }
}
