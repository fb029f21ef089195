/**
 * Users' status over REST, for when the WebSocket is unavailable: `GET /api/v1/users` (narrowed with
 * `user_ids` when the page watches some users only) every `pollIntervalMs` while polling is enabled
 * (the client disables it for hidden pages), and at once when enabled again.
 *
 * The host receives `users(data)` with each answer's `data` ({users, current_user_id}), `state(s)` with
 * s = "polling" | "offline" (no answer, 429 or 5xx: the loop keeps going), and `refused(error)` for
 * another 4xx, which retrying will not fix (the loop stops).
 */
export class StatusPolling {
  #timer = null;
  #round = 0;
  #polling = true;
  #stopped = true;

  /**
   * @param {{api: import("./api.js").PresenceApi, pollIntervalMs?: number, userIds: () => string[]|null}} options
   * @param {{users: Function, state: Function, refused: Function}} host
   */
  constructor(options, host) {
    this.options = { pollIntervalMs: 10000, ...options };
    this.host = host;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    if (this.#polling) this.poll();
  }

  stop() {
    this.#stopped = true;
    this.#round++;
    clearTimeout(this.#timer);
  }

  /** Enables or disables polling; enabling polls at once so a page shown again is current. */
  setPolling(enabled) {
    if (this.#polling === enabled) return;
    this.#polling = enabled;
    this.#round++;
    clearTimeout(this.#timer);
    if (enabled && !this.#stopped) this.poll();
  }

  /** Polls now (e.g. after the watched users changed) and restarts the interval from here. */
  async poll() {
    clearTimeout(this.#timer);
    const round = ++this.#round;
    const ids = this.options.userIds();
    const query = ids ? `?user_ids=${ids.map(encodeURIComponent).join(",")}` : "";
    try {
      const data = await this.options.api.request("GET", `users${query}`);
      if (round !== this.#round || this.#stopped) return;
      this.host.users(data);
      this.host.state("polling");
    } catch (e) {
      if (round !== this.#round || this.#stopped) return;
      if (e.status >= 400 && e.status < 500 && e.status !== 429) {
        this.stop();
        this.host.refused(e);
        return;
      }
      this.host.state("offline");
    }
    if (!this.#stopped && this.#polling) this.#timer = setTimeout(() => this.poll(), this.options.pollIntervalMs);
  }
}
