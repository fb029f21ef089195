import { PresenceApi, enc } from "./api.js";
import { newDeviceId } from "./device-id.js";
import { StatusBook } from "./status-book.js";
import { StatusPolling } from "./status-polling.js";
import { StatusReporter } from "./status-reporter.js";
import { WebSocketTransport } from "./websocket-transport.js";

/**
 * Users' status and typing for one page (docs/client.md, "User status and typing"). The page is one
 * device of the signed-in user (`deviceId`, see device-id.js) whose status follows the page: `online`
 * while it is visible, `away` once it has been hidden for `awayDelayMs`, and gone (`offline` if it was
 * the user's last device) when the page is closed. The client also watches the tenant's users (or some
 * of them) and keeps a live map of their status and typing. Events (each a CustomEvent):
 *
 * - `userschange`  detail `{users, currentUserId}`: a snapshot or poll replaced the map
 * - `statuschange` detail `{user, previous}`: one user's status or last_seen changed
 * - `typingchange` detail `{userId, conversationId, isTyping, typing}`: someone started or stopped typing;
 *                  `typing` lists who types in that conversation now (the current user left out)
 * - `reported`     detail: the server's answer to the page's own status report
 * - `statechange`  detail `{state, transport}`, as PresenceClient's
 * - `presenceerror` detail `{code, message, …}`
 *
 * Transports as PresenceClient's: "websocket", "rest" or "auto" (WebSocket, REST while its handshake fails).
 */
export class UserStatusClient extends EventTarget {
  #book = new StatusBook();
  #reporter;
  #ws = null;
  #rest = null;
  #pending = new Map();
  #refs = 0;
  #userIds;
  #mode;
  #awayTimer = null;
  #state = "stopped";
  #transport = null;
  #listeners = [];
  #leftOnPagehide = false;

  /**
   * @param {{token: string, tenant?: string, baseUrl?: string, transport?: "auto"|"websocket"|"rest",
   *   wsUrl?: string, userIds?: string[]|null, status?: "auto"|"online"|"away"|"offline",
   *   awayDelayMs?: number, pollIntervalMs?: number, backoff?: object, deviceId?: string}} options
   */
  constructor(options) {
    super();
    this.options = { transport: "auto", awayDelayMs: 30000, status: "auto", ...options };
    this.api = new PresenceApi(this.options);
    this.deviceId = this.options.deviceId || newDeviceId();
    this.#userIds = this.options.userIds ? this.options.userIds.map(String) : null;
    this.#mode = this.options.status;
    window.addEventListener("pageshow", (e) => e.persisted && this.#leftOnPagehide && this.start());
  }

  get users() { return this.#book.list(); }
  get currentUserId() { return this.#book.currentUserId; }
  get state() { return this.#state; }
  get transport() { return this.#transport; }
  /** "auto" (follows the page's visibility) or the status set with {@link setStatus}. */
  get statusMode() { return this.#mode; }

  /** @returns {object|undefined} a user `{user_id, status, last_seen, is_typing, typing_in}` */
  user(userId) { return this.#book.get(userId); }

  /** The other users typing in a conversation now. */
  typingIn(conversationId) { return this.#book.typingIn(conversationId); }

  start() {
    if (this.#state !== "stopped") return this;
    this.#leftOnPagehide = false;
    this.#reporter = new StatusReporter({ send: (s) => this.#sendStatus(s), ready: () => this.#connected() }, {
      accepted: (data) => this.#emit("reported", data),
      refused: (error) => this.#emit("presenceerror", error),
    });
    this.#listen(document, "visibilitychange", () => this.#followVisibility());
    this.#listen(window, "pagehide", () => {
      this.stop();
      this.#leftOnPagehide = true;
    });
    this.#setState("connecting", null);
    this.#followVisibility();
    if (this.options.transport === "rest") {
      this.#startRest();
    } else {
      this.#ws = new WebSocketTransport({ url: this.api.socketUrl(this.options.wsUrl), backoff: this.options.backoff,
        presenceMessage: () => this.#subscribeMessage() }, {
        state: (s) => this.#wsState(s),
        message: (m) => this.#received(m),
        refused: (code, reason) => this.#refused({ code: "unauthenticated", message: reason || `closed ${code}` }),
      });
      this.#ws.start();
    }
    return this;
  }

  /**
   * "online", "away" or "offline" pins the page's status (visibility no longer changes it); "auto" goes
   * back to following the page's visibility. Sent within the rate limit (see StatusReporter).
   */
  setStatus(status) {
    if (!["auto", "online", "away", "offline"].includes(status)) throw new RangeError(`unknown status ${status}`);
    this.#mode = status;
    this.#followVisibility();
  }

  /** Watches these users only, or every user of the tenant with null; a new snapshot replaces the map. */
  watch(userIds) {
    this.#userIds = userIds ? userIds.map(String) : null;
    this.#ws?.send(this.#subscribeMessage());
    this.#rest?.poll();
  }

  /** Says whether the current user types in a conversation (see TypingReporter for when to call it). */
  typing(conversationId, isTyping) {
    if (this.#ws?.open) {
      return this.#request({ type: "typing", conversation_id: String(conversationId), is_typing: isTyping });
    }
    if (!this.#rest) return Promise.reject({ code: "connection_lost", message: "not connected" });
    return this.api.request("POST", `conversations/${enc(conversationId)}/typing`, { is_typing: isTyping });
  }

  /**
   * Closes at once: the WebSocket closes normally, which removes this device on the server; over REST a
   * keep-alive request reports it `offline` (the one request a closing page can still make). Runs by
   * itself on pagehide; a page restored from the back/forward cache starts again as a new device.
   */
  stop() {
    if (this.#state === "stopped") return;
    this.#reporter.stop();
    clearTimeout(this.#awayTimer);
    if (this.#rest) this.#beaconOffline();
    this.#ws?.stop();
    this.#rest?.stop();
    this.#ws = this.#rest = null;
    this.#failPending();
    this.deviceId = this.options.deviceId || newDeviceId();
    this.#listeners.forEach(([target, type, fn]) => target.removeEventListener(type, fn));
    this.#listeners = [];
    this.#emitTyping(this.#book.clearTyping());
    this.#setState("stopped", null);
  }

  #followVisibility() {
    const hidden = document.visibilityState === "hidden";
    this.#rest?.setPolling(!hidden);
    clearTimeout(this.#awayTimer);
    if (this.#mode !== "auto") {
      this.#reporter.set(this.#mode);
    } else if (!hidden) {
      this.#reporter.set("online");
    } else if (this.#reporter.wanted !== "away") {
      if (this.#reporter.wanted === null) this.#reporter.set("online");
      this.#awayTimer = setTimeout(() => this.#reporter.set("away"), this.options.awayDelayMs);
    }
  }

  #wsState(state) {
    if (state === "live") {
      this.#rest?.stop();
      this.#rest = null;
      this.#reporter.setHeartbeat(0);
      this.#setState("live", "websocket");
      this.#reporter.resend();
      return;
    }
    this.#failPending();
    this.#emitTyping(this.#book.clearTyping());
    if (state === "unavailable" && this.options.transport === "auto") this.#startRest();
    else if (!this.#rest) this.#setState("reconnecting", "websocket");
  }

  #startRest() {
    if (this.#rest) return;
    this.#rest = new StatusPolling({ api: this.api, pollIntervalMs: this.options.pollIntervalMs,
      userIds: () => this.#userIds }, {
      users: (data) => this.#replace(data.users, data.current_user_id),
      state: (s) => this.#setState(s, "rest"),
      refused: (error) => this.#refused(error),
    });
    this.#rest.setPolling(document.visibilityState !== "hidden");
    this.#rest.start();
    this.#reporter.resend();
  }

  #connected() {
    return Boolean(this.#ws?.open || this.#rest);
  }

  async #sendStatus(status) {
    if (this.#ws?.open) {
      return this.#request({ type: "status", status, device_id: this.deviceId });
    }
    const data = await this.api.request("POST", "users/me/status", { status, device_id: this.deviceId });
    this.#reporter.setHeartbeat((Number(data.heartbeat_interval_seconds) || 30) * 1000);
    return data;
  }

  /** Sends a WebSocket message with a `ref` and resolves with the reply that echoes it (rejects on `error`). */
  #request(message) {
    const ref = `s${++this.#refs}`;
    return new Promise((resolve, reject) => {
      if (!this.#ws?.send({ ...message, ref })) return reject({ code: "connection_lost", message: "not connected" });
      this.#pending.set(ref, { resolve, reject });
    });
  }

  #failPending() {
    this.#pending.forEach(({ reject }) => reject({ code: "connection_lost", message: "the connection closed" }));
    this.#pending.clear();
  }

  #received(message) {
    const pending = message.ref !== undefined && this.#pending.get(message.ref);
    if (pending) {
      this.#pending.delete(message.ref);
      if (message.type === "error") pending.reject({ ...message, refused: message.code !== "rate_limited" });
      else pending.resolve(message);
      return;
    }
    if (message.type === "snapshot" && message.resource_type === "users") {
      this.#replace(message.users, message.current_user_id);
    } else if (message.type === "status") {
      const change = this.#book.applyStatus(message);
      if (change) this.#emit("statuschange", change);
    } else if (message.type === "typing") {
      const change = this.#book.applyTyping(message);
      if (change) this.#emitTyping([change]);
    } else if (message.type === "error") {
      this.#emit("presenceerror", message);
    }
  }

  #replace(users, currentUserId) {
    const { statusChanges, typingChanges } = this.#book.replace(users, currentUserId);
    this.#emit("userschange", { users: this.users, currentUserId: this.currentUserId });
    statusChanges.forEach((change) => this.#emit("statuschange", change));
    this.#emitTyping(typingChanges);
  }

  #emitTyping(changes) {
    changes.filter((c) => c.userId !== this.currentUserId).forEach((change) =>
      this.#emit("typingchange", { ...change, typing: this.typingIn(change.conversationId) }));
  }

  #subscribeMessage() {
    return { type: "subscribe", resource_type: "users", ...(this.#userIds ? { user_ids: this.#userIds } : {}),
      ref: `users-${++this.#refs}` };
  }

  /** Reports this device offline with a request that outlives the page (a keep-alive fetch keeps its headers). */
  #beaconOffline() {
    const headers = { Authorization: `Bearer ${this.options.token}`, "Content-Type": "application/json" };
    if (this.options.tenant) headers["X-SX-Tenant"] = this.options.tenant;
    fetch(this.api.url("users/me/status"), { method: "POST", keepalive: true, headers,
      body: JSON.stringify({ status: "offline", device_id: this.deviceId }) }).catch(() => {});
  }

  #refused(error) {
    this.#setState("refused", this.#transport);
    this.#emit("presenceerror", error);
  }

  #setState(state, transport) {
    if (state === this.#state && transport === this.#transport) return;
    this.#state = state;
    this.#transport = transport;
    this.#emit("statechange", { state, transport });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #listen(target, type, fn) {
    target.addEventListener(type, fn);
    this.#listeners.push([target, type, fn]);
  }
}
