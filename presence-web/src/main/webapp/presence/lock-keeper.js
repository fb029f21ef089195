import { enc, PresenceError } from "./api.js";

/** How long a `lock` or `unlock` over the WebSocket waits for its answer. */
const ACK_TIMEOUT_MS = 10000;

/**
 * The field locks of one tab (docs/client.md, "Field locks"). Asks for and gives back locks over the
 * WebSocket while it is open (`lock` / `unlock`, answered by `lock_ack` / `unlock_ack` with our `ref`)
 * and over REST otherwise (`POST` / `DELETE …/records/{type}/{id}/locks/{field}`), and remembers which
 * fields the tab means to hold, so that a fresh state after a reconnect can be checked against them:
 *
 * - After a WebSocket (re)connect, or the first REST poll after being offline, a lock the tab meant to
 *   hold that the state no longer shows as the tab's is asked for once more. Granted: nothing to tell.
 *   Refused or failed: `lost({field, reason, heldBy})`. A lock the tab holds but no longer wants (its
 *   release could not be sent while disconnected) is released.
 * - While connected, an `unlocked` of the tab's lock (a publisher forced it, its lease lapsed) or a REST
 *   poll that no longer shows it is reported as lost at once and not asked for again.
 *
 * Answers: `acquire` resolves `{granted: true, lock}` or `{granted: false, heldBy}`; `release`
 * resolves `{released}`. Anything else is a rejected {@link PresenceError}: status 0 when the answer
 * could not arrive (the field stays wanted and is asked for again once reconnected), the HTTP status of
 * a REST refusal, null for a WebSocket `error` (e.g. `field_not_lockable`, `edit_not_allowed`).
 */
export class LockKeeper {
  #wanted = new Set();
  #held = new Map();
  #busy = new Set();
  #pending = new Map();
  #refs = 0;
  #resync = false;

  /**
   * @param {{api: import("./api.js").PresenceApi, resourceType: string, resourceId: string,
   *   tabId: () => string, channel: () => "websocket"|"rest"|null, send: (m: object) => boolean,
   *   heartbeat: () => Promise<void>, refresh: () => void, lost: (detail: object) => void}} host
   */
  constructor(host) {
    this.host = host;
    this.path = `records/${enc(host.resourceType)}/${enc(host.resourceId)}/locks`;
  }

  /** Whether the tab holds the field's lock or has asked for it and waits for the answer. */
  wants(field) {
    return this.#wanted.has(field);
  }

  async acquire(field) {
    this.#wanted.add(field);
    this.#busy.add(field);
    try {
      const answer = await this.#request("lock", field);
      if (answer.granted && this.#wanted.has(field)) {
        this.#held.set(field, answer.lock.token);
      } else if (!answer.granted) {
        this.#forget(field);
      }
      return answer;
    } catch (e) {
      if (e.status === 0) this.#resync = true;
      else this.#forget(field);
      throw e;
    } finally {
      this.#busy.delete(field);
    }
  }

  release(field) {
    this.#forget(field);
    return this.#request("unlock", field);
  }

  /**
   * Checks a fresh state's locks against the fields the tab means to hold (see the class comment).
   *
   * @param {object[]} locks the state's locks
   * @param {boolean} reacquire true for a WebSocket snapshot; a REST poll asks again only after being offline
   */
  reconcile(locks, reacquire) {
    const tabId = this.host.tabId();
    const mine = new Map(locks.filter((lock) => lock.tab_id === tabId).map((lock) => [lock.field, lock]));
    const again = reacquire || this.#resync;
    this.#resync = false;
    for (const field of [...this.#wanted]) {
      if (this.#busy.has(field)) continue;
      if (mine.has(field)) {
        this.#held.set(field, mine.get(field).token);
      } else if (again) {
        this.acquire(field).then((answer) => answer.granted || this.host.lost({ field, reason: "taken", heldBy: answer.heldBy }),
          (e) => e.status === 0 || this.host.lost({ field, reason: e.code, heldBy: null }));
      } else if (this.#held.has(field)) {
        this.#forget(field);
        this.host.lost({ field, reason: "released", heldBy: null });
      }
    }
    for (const field of mine.keys()) {
      if (!this.#wanted.has(field) && !this.#busy.has(field)) this.#request("unlock", field).catch(() => {});
    }
  }

  /** An `unlocked` message: when it is the tab's own current lock, the tab lost it. */
  unlocked(lock, reason) {
    if (!lock || this.#held.get(lock.field) !== lock.token) return;
    this.#forget(lock.field);
    this.host.lost({ field: lock.field, reason, heldBy: null });
  }

  /**
   * Handles a WebSocket answer to one of our requests.
   *
   * @returns {boolean} false when the message answers nothing of ours
   */
  answer(message) {
    const pending = this.#pending.get(message.ref);
    if (!pending) return false;
    if (message.type === "lock_ack") {
      this.#settle(message.ref, message.success ? { granted: true, lock: message.lock }
        : { granted: false, heldBy: message.held_by });
    } else if (message.type === "unlock_ack") {
      this.#settle(message.ref, { released: Boolean(message.released) });
    } else if (message.type === "error") {
      this.#settle(message.ref, null, new PresenceError(null, message.code, message.message, message.details));
    } else {
      return false;
    }
    return true;
  }

  /** The connection dropped: unanswered requests fail, and the next state is checked with reacquire. */
  disconnected() {
    this.#resync = true;
    for (const ref of [...this.#pending.keys()]) {
      this.#settle(ref, null, new PresenceError(0, "network_error", "the connection closed before the answer"));
    }
  }

  /** The client stopped: its tab left, and with it every lock. */
  clear() {
    this.disconnected();
    this.#wanted.clear();
    this.#held.clear();
    this.#resync = false;
  }

  #forget(field) {
    this.#wanted.delete(field);
    this.#held.delete(field);
  }

  #request(kind, field) {
    const channel = this.host.channel();
    if (channel === "websocket") return this.#overWebSocket(kind, field);
    if (channel === "rest") return this.#overRest(kind, field);
    return Promise.reject(new PresenceError(0, "not_connected", "not connected; the lock is asked for once connected"));
  }

  #overWebSocket(kind, field) {
    const ref = `${kind}-${++this.#refs}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#settle(ref, null, new PresenceError(0, "timeout", `no ${kind} answer`)),
        ACK_TIMEOUT_MS);
      this.#pending.set(ref, { resolve, reject, timer });
      const message = { type: kind, resource_type: this.host.resourceType, resource_id: this.host.resourceId, field, ref };
      if (kind === "lock") message.tab_id = this.host.tabId();
      if (!this.host.send(message)) this.#settle(ref, null, new PresenceError(0, "not_connected", "not connected"));
    });
  }

  async #overRest(kind, field) {
    const path = `${this.path}/${enc(field)}`;
    try {
      if (kind === "unlock") return { released: Boolean((await this.host.api.request("DELETE", path)).released) };
      return { granted: true, lock: (await this.#restLock(path)).lock };
    } catch (e) {
      if (e.code !== "lock_held") throw e;
      return { granted: false, heldBy: { field, user_id: e.details.held_by, user_name: e.details.held_by_name } };
    } finally {
      this.host.refresh();
    }
  }

  /** A lock needs the tab present: a lock asked for before the first heartbeat went through waits for one. */
  async #restLock(path) {
    const body = () => ({ tab_id: this.host.tabId() });
    try {
      return await this.host.api.request("POST", path, body());
    } catch (e) {
      if (e.code !== "tab_required") throw e;
      await this.host.heartbeat();
      return this.host.api.request("POST", path, body());
    }
  }

  #settle(ref, answer, error) {
    const pending = this.#pending.get(ref);
    if (!pending) return;
    this.#pending.delete(ref);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(answer);
  }
}
