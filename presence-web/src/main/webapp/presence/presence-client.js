import { PresenceApi, PresenceError } from "./api.js";
import { LockKeeper } from "./lock-keeper.js";
import { RecordState } from "./record-state.js";
import { RestTransport } from "./rest-transport.js";
import { newTabId } from "./tab-id.js";
import { refreshDelay, tokenExpiry } from "./token-refresh.js";
import { ViewerBook } from "./viewer-book.js";
import { WebSocketTransport } from "./websocket-transport.js";

export { PresenceApi, PresenceError };
export { ResourceFeed } from "./resource-feed.js";

const STATE_MESSAGES = new Set(["locked", "unlocked", "lifecycle"]);

/**
 * One page's presence on one record (docs/client.md). The page is one tab with a uuid `tab_id` kept
 * for the page's life; the client reports mode, dirty and active field when they change, keeps the
 * other viewers current, and tells the page through DOM events:
 *
 * - `viewerschange`  detail `{viewers, currentUserId}`: the users to show (the caller excluded)
 * - `resourceevent`  detail: a resource event for the record, e.g. `work_order_updated`
 * - `statechange`    detail `{state, transport}`: state is connecting | live | reconnecting | polling |
 *                    offline | refused | stopped; transport is "websocket", "rest" or null
 * - `presenceerror`  detail: an `error` message of the WebSocket or a refused REST call
 * - `recordchange`   detail `{record, change}`: the record's locks, stale flag or version changed;
 *                    `change` is the message that did it (`{type: "snapshot"|"locked"|"unlocked"|"lifecycle", …}`)
 * - `locklost`       detail `{field, reason, heldBy}`: a lock this tab held is gone (see LockKeeper)
 *
 * Field locks: {@link acquireLock} and {@link releaseLock}, over whichever transport is live. The
 * record's state comes with every WebSocket snapshot; a REST client reads it only once asked to
 * ({@link watchRecordState}), since that costs a request per poll.
 *
 * Transports (`transport` option): "websocket" only, "rest" only, or "auto" (default): WebSocket, and
 * while its handshake fails, REST heartbeats and polling; the WebSocket keeps being retried with
 * backoff and takes over again once it opens.
 *
 * Tokens expire: with a `getToken` option (a function returning a token or a promise of one) the
 * client asks for a fresh token before each WebSocket connection and shortly before the current one
 * expires, and hands it to the open connection (`auth`), so the connection outlives the first token.
 */
export class PresenceClient extends EventTarget {
  #book;
  #record = new RecordState();
  #locks;
  #watchRecord = false;
  #ws = null;
  #rest = null;
  #presence = { mode: "view", dirty: false, activeField: null };
  #hidden = false;
  #state = "stopped";
  #transport = null;
  #listeners = [];
  #leftOnPagehide = false;
  #refreshTimer = null;

  /**
   * @param {{token?: string, tenant?: string, csrfToken?: string, resourceType: string, resourceId: string, baseUrl?: string,
   *   transport?: "auto"|"websocket"|"rest", wsUrl?: string, pollIntervalMs?: number,
   *   backoff?: {initialMs?: number, maxMs?: number, jitter?: number}, includeSelf?: boolean,
   *   mode?: "view"|"edit", getToken?: () => string | Promise<string>}} options
   */
  constructor(options) {
    super();
    this.options = { transport: "auto", ...options };
    this.api = new PresenceApi(this.options);
    this.tabId = newTabId();
    this.#book = new ViewerBook({ includeSelf: this.options.includeSelf });
    if (this.options.mode) this.#presence.mode = this.options.mode;
    this.#locks = new LockKeeper({ api: this.api, resourceType: this.options.resourceType,
      resourceId: this.options.resourceId, tabId: () => this.tabId,
      channel: () => (this.#ws?.open ? "websocket" : this.#rest ? "rest" : null),
      send: (message) => this.#ws?.send(message) ?? false, heartbeat: () => this.#rest?.heartbeat(),
      refresh: () => this.#rest?.refresh(),
      lost: (detail) => this.dispatchEvent(new CustomEvent("locklost", { detail })) });
    // A page restored from the back/forward cache had left on pagehide: join again (as a new tab, see stop).
    window.addEventListener("pageshow", (e) => e.persisted && this.#leftOnPagehide && this.start());
  }

  get viewers() { return this.#book.list(); }
  get currentUserId() { return this.#book.currentUserId; }
  get state() { return this.#state; }
  get transport() { return this.#transport; }
  /** `{locks, stale, busy_by, stale_until, version}` as last heard (docs/protocol.md, record state). */
  get record() { return this.#record.view; }

  /** The lock of a field (this tab's or anyone's), or null. */
  lockOf(field) { return this.#record.lock(field); }

  /** Whether this tab holds the field's lock, or has asked for it and waits for the answer. */
  holdsLock(field) { return this.#locks.wants(field); }

  /** Locks a field for this tab, or renews its lock: `{granted, lock}` or `{granted: false, heldBy}` (LockKeeper). */
  acquireLock(field) { return this.#locks.acquire(field); }

  /** Gives the tab's lock of a field back: `{released}`, false when the tab did not hold it. */
  releaseLock(field) { return this.#locks.release(field); }

  /** Makes a REST client read the record's state on each poll (WebSocket snapshots always carry it). */
  watchRecordState() {
    this.#watchRecord = true;
    this.#rest?.watchRecord();
    return this;
  }

  /** Joins the record and starts listening to the page's visibility and pagehide. */
  start() {
    if (this.#state !== "stopped") return this;
    this.#listen(document, "visibilitychange", () => this.#visibilityChanged());
    this.#leftOnPagehide = false;
    this.#listen(window, "pagehide", () => {
      this.stop();
      this.#leftOnPagehide = true;
    });
    this.#hidden = document.visibilityState === "hidden";
    this.#setState("connecting", null);
    if (this.options.transport === "rest") {
      this.#startRest();
    } else {
      this.#ws = new WebSocketTransport({ url: () => this.#wsUrl(), backoff: this.options.backoff,
        presenceMessage: () => this.#message("presence") }, {
        state: (s) => this.#wsState(s),
        message: (m) => this.#received(m),
        refused: (code, reason) => this.#refused({ code: "unauthenticated", message: reason || `closed ${code}` }),
      });
      this.#ws.start();
    }
    return this;
  }

  /**
   * Reports a change of the tab: `{mode, dirty, activeField}` (any subset). Nothing is sent when
   * nothing changed; otherwise at once, as a WebSocket `presence` or a REST heartbeat.
   */
  update(change) {
    const next = { ...this.#presence, ...change };
    if (next.mode === this.#presence.mode && next.dirty === this.#presence.dirty
        && next.activeField === this.#presence.activeField) return;
    this.#presence = next;
    this.#report();
  }

  /**
   * Leaves the record at once: a `leave` over the WebSocket and a `sendBeacon` unregister (the only
   * request a closing page may still send). Called by itself on `pagehide`; call it on SPA navigation.
   */
  stop() {
    if (this.#state === "stopped") return;
    clearTimeout(this.#refreshTimer);
    this.#ws?.stop(this.#message("leave"));
    this.#rest?.stop();
    this.#ws = this.#rest = null;
    this.#locks.clear();
    this.api.beaconUnregister(this.options.resourceType, this.options.resourceId, this.tabId);
    // The server keeps a tab closed by the beacon closed for a minute (a late heartbeat gets tab_closed),
    // so a later start() joins as a new tab.
    this.tabId = newTabId();
    this.#listeners.forEach(([target, type, fn]) => target.removeEventListener(type, fn));
    this.#listeners = [];
    this.#setState("stopped", null);
  }

  #wsState(state) {
    if (state === "live") {
      this.#scheduleRefresh(tokenExpiry(this.options.token));
      this.#rest?.stop();
      this.#rest = null;
      this.#setState("live", "websocket");
    } else if (state === "unavailable" && this.options.transport === "auto") {
      this.#startRest();
    } else if (!this.#rest) {
      this.#locks.disconnected();
      this.#book.invalidate();
      this.#setState("reconnecting", "websocket");
    }
  }

  #startRest() {
    if (this.#rest) return;
    this.#rest = new RestTransport({ api: this.api, resourceType: this.options.resourceType,
      resourceId: this.options.resourceId, pollIntervalMs: this.options.pollIntervalMs,
      heartbeatBody: () => this.#heartbeatBody() }, {
      state: (s) => {
        if (s === "offline") this.#locks.disconnected();
        this.#setState(s, "rest");
      },
      viewers: (data) => this.#setViewers(data.viewers, data.seq, data.current_user_id),
      record: (state) => this.#setRecord(state, false),
      refused: (error) => this.#refused(error),
    });
    this.#rest.setPolling(!this.#hidden);
    if (this.#watchRecord) this.#rest.watchRecord();
    this.#rest.start();
  }

  #received(message) {
    const { resourceType, resourceId } = this.options;
    if (this.#locks.answer(message)) return;
    if (message.type === "auth_ack") return this.#scheduleRefresh(Date.parse(message.expires_at));
    if (message.type === "error") {
      this.dispatchEvent(new CustomEvent("presenceerror", { detail: message }));
      return;
    }
    if (message.resource_type !== resourceType) return;
    if (message.type === "snapshot" && message.resource_id === resourceId) {
      this.#setViewers(message.viewers, message.seq, message.current_user_id);
      this.#setRecord(message, true);
    } else if (message.type === "diff" && message.resource_id === resourceId) {
      const outcome = this.#book.applyDiff(message);
      if (outcome === "applied") this.#emitViewers();
      if (outcome === "gap") this.#resubscribe();
    } else if (STATE_MESSAGES.has(message.type) && message.resource_id === resourceId) {
      this.#stateChanged(message);
    } else if (message.action && String(message.resource_id ?? message.id) === resourceId) {
      this.dispatchEvent(new CustomEvent("resourceevent", { detail: message }));
    }
  }

  /** A `locked`, `unlocked` or `lifecycle` message: the next step of the record's series, like a diff. */
  #stateChanged(message) {
    const outcome = this.#book.advance(message.seq);
    if (outcome === "gap") this.#resubscribe();
    if (outcome !== "applied") return;
    this.#record.apply(message);
    if (message.type === "unlocked") this.#locks.unlocked(message.lock, message.reason);
    this.#emitRecord(message);
  }

  /** A snapshot (`fresh`: after every WebSocket (re)connect or resync) or a polled state. */
  #setRecord(state, fresh) {
    const changed = this.#record.replace(state);
    this.#locks.reconcile(state.locks || [], fresh);
    if (changed || fresh) this.#emitRecord({ type: "snapshot" });
  }

  #emitRecord(message) {
    const { type, reason = null, lock = null } = message;
    this.dispatchEvent(new CustomEvent("recordchange", { detail: { record: this.record, change: { type, reason, lock } } }));
  }

  /** A lost diff: forget the sequence and ask for a fresh snapshot (docs/protocol.md, "Diff"). */
  #resubscribe() {
    this.#book.invalidate();
    this.#ws?.send({ type: "subscribe", resource_type: this.options.resourceType,
      resource_id: this.options.resourceId, ref: `resync-${Date.now()}` });
  }

  #setViewers(viewers, seq, currentUserId) {
    this.#book.replace(viewers, seq, currentUserId);
    this.#emitViewers();
  }

  #emitViewers() {
    this.dispatchEvent(new CustomEvent("viewerschange",
      { detail: { viewers: this.viewers, currentUserId: this.currentUserId } }));
  }

  /**
   * Hidden pages stop polling and report no active field: the protocol has no "away" state for a
   * record, and a hidden page still has the record open, so the tab stays (keeps its heartbeat).
   */
  #visibilityChanged() {
    this.#hidden = document.visibilityState === "hidden";
    this.#rest?.setPolling(!this.#hidden);
    if (this.#presence.activeField) this.#report();
  }

  #report() {
    if (this.#ws?.open) this.#ws.send(this.#message("presence"));
    this.#rest?.heartbeat();
  }

  #heartbeatBody() {
    const field = this.#hidden ? null : this.#presence.activeField;
    return { tab_id: this.tabId, mode: this.#presence.mode, dirty: this.#presence.dirty,
      ...(field ? { active_field: field } : {}) };
  }

  #message(type) {
    const base = { type, resource_type: this.options.resourceType, resource_id: this.options.resourceId };
    return type === "presence" ? { ...base, ...this.#heartbeatBody() } : { ...base, tab_id: this.tabId };
  }

  /** The page's fresh token (or the current one without `getToken`, or when it fails), also for REST. */
  async #freshToken() {
    if (this.options.getToken) {
      try {
        const token = await this.options.getToken();
        if (token) this.options.token = this.api.token = token;
      } catch (e) {
        // keep the current token; the server says when it no longer accepts it
      }
    }
    return this.options.token;
  }

  /** Before the token expires: a fresh one for the open connection, answered by `auth_ack`. */
  #scheduleRefresh(expiresAtMs) {
    clearTimeout(this.#refreshTimer);
    if (!this.options.getToken || !expiresAtMs) return;
    this.#refreshTimer = setTimeout(async () => {
      const token = await this.#freshToken();
      if (!this.#ws?.send({ type: "auth", token, ref: "auth" })) this.#scheduleRefresh(tokenExpiry(token));
    }, refreshDelay(expiresAtMs, Date.now()));
  }

  async #wsUrl() {
    await this.#freshToken();
    return this.api.socketUrl(this.options.wsUrl);
  }

  #refused(error) {
    this.#setState("refused", this.#transport);
    this.dispatchEvent(new CustomEvent("presenceerror", { detail: error }));
  }

  #setState(state, transport) {
    if (state === this.#state && transport === this.#transport) return;
    this.#state = state;
    this.#transport = transport;
    this.dispatchEvent(new CustomEvent("statechange", { detail: { state, transport } }));
  }

  #listen(target, type, fn) {
    target.addEventListener(type, fn);
    this.#listeners.push([target, type, fn]);
  }
}
