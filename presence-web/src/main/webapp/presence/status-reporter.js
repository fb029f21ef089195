/**
 * Sends the page's own status within the server's rate limit (one report per user every 5 s, over all
 * the user's devices): the latest wanted status waits until a report is allowed, so a page hidden and
 * shown again within a second sends one report, not two refused ones. A report the server refuses with
 * `rate_limited` is sent again after its `retry_after_ms`; one that fails without an answer is retried
 * after the interval (the status is kept, not lost); any other refusal stops the reports until the
 * next {@link set}.
 *
 * Over REST a device lives only as long as it reports, so {@link setHeartbeat} makes it repeat its status
 * at the interval the server names. Over the WebSocket the connection keeps the device alive and
 * {@link resend} reports it again on each new connection.
 *
 * The host receives `accepted(data)` with the server's answer and `refused(error)`.
 */
export class StatusReporter {
  #wanted = null;
  #sent = null;
  #acceptedAt = 0;
  #lastSentAt = -Infinity;
  #notBefore = 0;
  #heartbeatMs = 0;
  #timer = null;
  #inFlight = false;
  #refused = false;
  #stopped = false;

  /**
   * @param {{send: (status: string) => Promise<object>, ready: () => boolean, minIntervalMs?: number}} options
   *   send reports one status and resolves with the answer or rejects with `{code, status?, details?}`;
   *   nothing is sent while ready() is false (no transport is up; {@link resend} follows when one is)
   * @param {{accepted: Function, refused: Function}} host
   */
  constructor(options, host) {
    this.options = { minIntervalMs: 5000, ...options };
    this.host = host;
  }

  /** The status the page wants the server to know: "online", "away" or "offline". */
  get wanted() { return this.#wanted; }

  set(status) {
    if (status === this.#wanted && !this.#refused) return;
    this.#wanted = status;
    this.#refused = false;
    this.#flush();
  }

  /** The device must be reported again (a new connection, a new transport). */
  resend() {
    this.#sent = null;
    this.#flush();
  }

  /** Repeats the status every `ms` (REST devices expire without it); 0 stops repeating. */
  setHeartbeat(ms) {
    this.#heartbeatMs = ms > 0 ? ms : 0;
    this.#flush();
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #flush() {
    clearTimeout(this.#timer);
    if (this.#stopped || this.#inFlight || this.#wanted === null || this.#refused) return;
    const now = Date.now();
    const heartbeatDue = this.#heartbeatMs > 0 && this.#wanted !== "offline"
      ? this.#acceptedAt + this.#heartbeatMs : Infinity;
    const due = this.#sent !== this.#wanted ? now : heartbeatDue;
    if (due === Infinity) return;
    const at = Math.max(due, this.#notBefore, this.#lastSentAt + this.options.minIntervalMs);
    if (at > now) {
      this.#timer = setTimeout(() => this.#flush(), at - now);
      return;
    }
    if (!this.options.ready()) return;
    const status = this.#wanted;
    this.#inFlight = true;
    this.#lastSentAt = now;
    this.options.send(status).then((data) => {
      this.#sent = status;
      this.#acceptedAt = Date.now();
      this.host.accepted(data);
    }, (error) => {
      if (error.code === "connection_lost") {
        this.#lastSentAt = -Infinity; // resent as soon as a connection is back
      } else if (error.code === "rate_limited") {
        this.#notBefore = Date.now() + (Number(error.details?.retry_after_ms) || this.options.minIntervalMs);
      } else if (error.status >= 400 && error.status < 500 || error.refused) {
        this.#refused = true;
        this.host.refused(error);
      }
    }).finally(() => {
      this.#inFlight = false;
      this.#flush();
    });
  }
}
