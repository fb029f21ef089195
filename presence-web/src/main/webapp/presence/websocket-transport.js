import { backoffDelay } from "./backoff.js";

/**
 * Presence over the WebSocket `/api/v1/ws` (docs/protocol.md). One connection per client: on open it
 * sends `presence`, which makes the connection a tab of the record and subscribes it, so the server
 * answers with a snapshot and then pushes diffs and resource events. The tab lives as long as the
 * connection; there is no heartbeat to send, only an application `ping` that detects a dead link.
 *
 * After a drop it reconnects with {@link backoffDelay} and sends `presence` again with the same tab_id,
 * which the server's grace period turns into "nothing happened" for the others. It stops only on
 * {@link stop}, or on close code 1008 (the token or tenant was refused; retrying cannot help). Close
 * code 4001 (the token expired) reconnects like a drop: `url` may be a function that fetches a fresh
 * token for each connection.
 *
 * The host receives: `state(s)` with s = "live" | "reconnecting" | "unavailable" (the handshake failed
 * before the connection ever opened: the server has no WebSocket endpoint or a proxy blocks it),
 * `message(m)` for every server message, and `refused(code, reason)` on 1008.
 */
export class WebSocketTransport {
  #ws = null;
  #attempt = 0;
  #timer = null;
  #pingTimer = null;
  #awaitingPong = false;
  #stopped = true;

  /**
   * @param {{url: string | (() => string | Promise<string>), backoff?: object, pingIntervalMs?: number, presenceMessage: () => object}} options
   * @param {{state: Function, message: Function, refused: Function}} host
   */
  constructor(options, host) {
    this.options = { pingIntervalMs: 25000, ...options };
    this.host = host;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#attempt = 0;
    this.#connect();
  }

  /** True while a connection is open and usable. */
  get open() {
    return this.#ws !== null && this.#ws.readyState === WebSocket.OPEN;
  }

  /** Sends a message if connected; returns whether it was sent. */
  send(message) {
    if (!this.open) return false;
    this.#ws.send(JSON.stringify(message));
    return true;
  }

  /** Closes for good; `goodbye` (e.g. a `leave`) is sent first when still connected. */
  stop(goodbye) {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#pingTimer);
    if (goodbye) this.send(goodbye);
    if (this.#ws) this.#ws.close(1000, "client stopped");
    this.#ws = null;
  }

  async #connect() {
    let opened = false;
    let ws;
    try {
      const url = typeof this.options.url === "function" ? await this.options.url() : this.options.url;
      if (this.#stopped) return;
      ws = new WebSocket(url);
    } catch (e) {
      this.host.state("unavailable");
      return this.#retry();
    }
    this.#ws = ws;
    ws.onopen = () => {
      opened = true;
      this.#attempt = 0;
      this.#awaitingPong = false;
      this.#pingTimer = setInterval(() => this.#ping(), this.options.pingIntervalMs);
      this.host.state("live");
      this.send(this.options.presenceMessage());
    };
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message.type === "pong") this.#awaitingPong = false;
      this.host.message(message);
    };
    ws.onclose = (event) => {
      clearInterval(this.#pingTimer);
      if (this.#stopped || ws !== this.#ws) return;
      this.#ws = null;
      if (event.code === 1008) {
        this.#stopped = true;
        return this.host.refused(event.code, event.reason);
      }
      this.host.state(opened ? "reconnecting" : "unavailable");
      this.#retry();
    };
  }

  #retry() {
    const delay = backoffDelay(this.#attempt++, this.options.backoff);
    this.#timer = setTimeout(() => this.#stopped || this.#connect(), delay);
  }

  /** A ping left unanswered for a whole interval means the link is dead: close and reconnect. */
  #ping() {
    if (this.#awaitingPong && this.#ws) {
      this.#ws.close(4000, "no pong");
      return;
    }
    this.#awaitingPong = this.send({ type: "ping" });
  }
}
