import { enc } from "./api.js";

/**
 * Presence over REST for when WebSocket is unavailable (seed 004's graceful degradation, seed 000's
 * loop): a heartbeat keeps the tab alive (every `heartbeat_interval_seconds` the server names, 30 s
 * by default, and at once whenever mode, dirty or active field change), and the viewers are polled
 * every `pollIntervalMs` while polling is enabled (the client disables it for hidden pages). Once the
 * record's state is watched ({@link watchRecord}), each poll also reads it (`GET /records/{type}/{id}`:
 * locks, stale flag, version), one more request per round.
 *
 * The host receives `state(s)` with s = "polling" | "offline" (the last call failed without an answer
 * or with 5xx; the loops keep going and recover by themselves), `viewers(data)` with the viewers
 * response, `record(state)` with the record's state when it is watched, and `refused(error)` for a 4xx other than 429, which retrying will not fix.
 */
export class RestTransport {
  #heartbeatTimer = null;
  #pollTimer = null;
  #polling = true;
  #pollRound = 0;
  #stopped = true;
  #intervalMs = 30000;
  #watchRecord = false;

  /**
   * @param {{api: import("./api.js").PresenceApi, resourceType: string, resourceId: string,
   *   pollIntervalMs?: number, heartbeatBody: () => object}} options
   * @param {{state: Function, viewers: Function, record: Function, refused: Function}} host
   */
  constructor(options, host) {
    this.options = { pollIntervalMs: 10000, ...options };
    this.host = host;
    this.path = `presence/${enc(options.resourceType)}/${enc(options.resourceId)}`;
    this.recordPath = `records/${enc(options.resourceType)}/${enc(options.resourceId)}`;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.heartbeat();
    if (this.#polling) this.#poll();
  }

  /** Stops the loops without unregistering (the caller decides how the tab leaves). */
  stop() {
    this.#stopped = true;
    this.#pollRound++;
    clearTimeout(this.#heartbeatTimer);
    clearTimeout(this.#pollTimer);
  }

  /** Enables or disables viewer polling; enabling polls at once so a page shown again is current. */
  setPolling(enabled) {
    if (this.#polling === enabled) return;
    this.#polling = enabled;
    this.#pollRound++;
    clearTimeout(this.#pollTimer);
    if (enabled && !this.#stopped) this.#poll();
  }

  /** Makes every poll read the record's state too, starting with one at once. */
  watchRecord() {
    if (this.#watchRecord) return;
    this.#watchRecord = true;
    this.refresh();
  }

  /**
   * Polls now, even while polling is disabled, and drops the answer of a poll already under way (it may
   * predate a lock just taken or given back).
   */
  refresh() {
    this.#pollRound++;
    if (!this.#stopped) this.#poll();
  }

  /** Sends a heartbeat now and restarts the heartbeat interval from here. */
  async heartbeat() {
    clearTimeout(this.#heartbeatTimer);
    if (this.#stopped) return;
    try {
      const data = await this.options.api.request("POST", `${this.path}/heartbeat`, this.options.heartbeatBody());
      if (Number.isFinite(data.heartbeat_interval_seconds)) this.#intervalMs = data.heartbeat_interval_seconds * 1000;
      this.host.state("polling");
    } catch (e) {
      if (this.#failed(e)) return;
    }
    if (!this.#stopped) this.#heartbeatTimer = setTimeout(() => this.heartbeat(), this.#intervalMs);
  }

  /** One poll; a round that setPolling superseded while its request was in flight ends quietly. */
  async #poll() {
    clearTimeout(this.#pollTimer);
    const round = this.#pollRound;
    try {
      const api = this.options.api;
      const [data, record] = await Promise.all([api.request("GET", `${this.path}/viewers`),
        this.#watchRecord ? api.request("GET", this.recordPath) : null]);
      if (round !== this.#pollRound || this.#stopped) return;
      this.host.viewers(data);
      if (record) this.host.record(record);
    } catch (e) {
      if (this.#failed(e)) return;
    }
    if (!this.#stopped && this.#polling && round === this.#pollRound) {
      this.#pollTimer = setTimeout(() => this.#poll(), this.options.pollIntervalMs);
    }
  }

  /** @returns {boolean} true when the failure ended the transport */
  #failed(error) {
    if (this.#stopped) return true;
    if (error.status >= 400 && error.status < 500 && error.status !== 429) {
      this.stop();
      this.host.refused(error);
      return true;
    }
    this.host.state("offline");
    return false;
  }
}
