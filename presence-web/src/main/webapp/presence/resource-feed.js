import { PresenceApi } from "./api.js";
import { WebSocketTransport } from "./websocket-transport.js";

/**
 * Everything that happens on the records of one resource type, for list pages: one WebSocket
 * `subscribe` without a `resource_id` (docs/protocol.md). The page is not present on any record; it
 * only watches. Events:
 *
 * - `resourceevent`  detail: a resource event of a record of the type, e.g. `work_order_updated`
 * - `recordschange`  detail `{records}`: a Map of resource id to the viewers on it (the caller excluded)
 * - `userevent`      detail: `user_joined`, `user_left` or `presence_update` (option `userEvents`)
 * - `statechange`    detail `{state}`: connecting | live | reconnecting | refused | stopped
 *
 * Reconnects with backoff and subscribes again, which brings a fresh snapshot.
 */
export class ResourceFeed extends EventTarget {
  #ws = null;
  #records = new Map();
  #currentUserId = null;
  #state = "stopped";

  /**
   * @param {{resourceType: string, token?: string, tenant?: string, baseUrl?: string, wsUrl?: string,
   *   backoff?: object, userEvents?: boolean}} options
   */
  constructor(options) {
    super();
    this.options = options;
    this.api = new PresenceApi(options);
  }

  get state() { return this.#state; }

  /** Viewers per record id, as of the last snapshot and diffs. */
  get records() {
    return new Map([...this.#records].map(([id, users]) => [id, [...users.values()]]));
  }

  start() {
    if (this.#state !== "stopped") return this;
    this.#setState("connecting");
    const subscribe = { type: "subscribe", resource_type: this.options.resourceType,
      ...(this.options.userEvents ? { user_events: true } : {}) };
    this.#ws = new WebSocketTransport({ url: this.api.socketUrl(this.options.wsUrl),
      backoff: this.options.backoff, presenceMessage: () => subscribe }, {
      state: (s) => this.#setState(s === "live" ? "live" : "reconnecting"),
      message: (m) => this.#received(m),
      refused: () => this.#setState("refused"),
    });
    this.#ws.start();
    return this;
  }

  stop() {
    if (this.#state === "stopped") return;
    this.#ws?.stop();
    this.#ws = null;
    this.#setState("stopped");
  }

  #received(message) {
    if (message.type === "user_joined" || message.type === "user_left" || message.type === "presence_update") {
      this.dispatchEvent(new CustomEvent("userevent", { detail: message }));
      return;
    }
    if (message.resource_type !== this.options.resourceType) return;
    if (message.type === "snapshot" && message.resource_id === null) {
      this.#currentUserId = message.current_user_id;
      this.#records = new Map(message.records.map((r) => [r.resource_id, this.#users(r.viewers)]));
      this.#emitRecords();
    } else if (message.type === "diff") {
      const users = this.#records.get(message.resource_id) ?? new Map();
      if (message.viewer) users.set(message.tab.user_id, message.viewer);
      else users.delete(message.tab.user_id);
      users.delete(this.#currentUserId);
      if (users.size) this.#records.set(message.resource_id, users);
      else this.#records.delete(message.resource_id);
      this.#emitRecords();
    } else if (message.action) {
      this.dispatchEvent(new CustomEvent("resourceevent", { detail: message }));
    }
  }

  #users(viewers) {
    return new Map(viewers.filter((v) => v.id !== this.#currentUserId).map((v) => [v.id, v]));
  }

  #emitRecords() {
    this.dispatchEvent(new CustomEvent("recordschange", { detail: { records: this.records } }));
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent("statechange", { detail: { state } }));
  }
}
