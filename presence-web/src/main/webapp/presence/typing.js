/**
 * When to tell the server that the user types in a conversation:
 *
 * - `is_typing: true` on the first keystroke;
 * - `is_typing: false` after 3 s without a keystroke (`idleMs`), or at once on {@link stopped} (the
 *   message was sent, the field lost the focus);
 * - never more than one request per 2 s (`minIntervalMs`): a change that comes sooner waits for its turn,
 *   and only the latest wish is sent;
 * - while the user keeps typing, `true` again every 3 s (`refreshMs`), because the server forgets typing
 *   5 s after the last `true`; no refresh when the idle `false` is due within `minIntervalMs` anyway, so
 *   that the `false` is never held back by a refresh and always precedes the server's expiry.
 */
export class TypingReporter {
  #typing = false;
  #lastKeyAt = -Infinity;
  #lastSentAt = -Infinity;
  #lastTrueAt = -Infinity;
  #timer = null;

  /**
   * @param {(isTyping: boolean) => Promise<any>} send e.g. `(t) => statusClient.typing("c-42", t)`
   * @param {{idleMs?: number, minIntervalMs?: number, refreshMs?: number}} [options]
   */
  constructor(send, options = {}) {
    this.send = send;
    this.options = { idleMs: 3000, minIntervalMs: 2000, refreshMs: 3000, ...options };
  }

  /** Whether the server was last told that the user types. */
  get typing() { return this.#typing; }

  /** The user typed (call it on every `input` event). */
  keystroke() {
    this.#lastKeyAt = Date.now();
    this.#evaluate();
  }

  /** The user stopped typing now (the message was sent, or the field was left). */
  stopped() {
    this.#lastKeyAt = -Infinity;
    this.#evaluate();
  }

  #evaluate() {
    clearTimeout(this.#timer);
    const { idleMs, minIntervalMs } = this.options;
    const now = Date.now();
    const idleAt = this.#lastKeyAt + idleMs;
    const wanted = now < idleAt;
    if (wanted !== this.#typing || (wanted && now >= this.#refreshAt() && this.#refreshAllowed(idleAt, now))) {
      const turn = this.#lastSentAt + minIntervalMs;
      if (turn > now) {
        this.#timer = setTimeout(() => this.#evaluate(), turn - now);
        return;
      }
      this.#post(wanted, now);
    }
    if (this.#typing) {
      const refreshAt = this.#refreshAt();
      const next = refreshAt > now && this.#refreshAllowed(idleAt, refreshAt) ? Math.min(idleAt, refreshAt) : idleAt;
      this.#timer = setTimeout(() => this.#evaluate(), Math.max(0, next - now));
    }
  }

  #refreshAt() {
    return this.#lastTrueAt + this.options.refreshMs;
  }

  /** No refresh when the idle `false` is due within the interval: it would hold that `false` back. */
  #refreshAllowed(idleAt, at) {
    return idleAt - at >= this.options.minIntervalMs;
  }

  #post(isTyping, now) {
    this.#typing = isTyping;
    this.#lastSentAt = now;
    if (isTyping) this.#lastTrueAt = now;
    Promise.resolve(this.send(isTyping)).catch(() => {
      // A lost `true` is sent again at the next turn while the user still types; a lost `false` is not:
      // the server forgets the typing by itself 5 s after the last `true`.
      if (isTyping && this.#typing) {
        this.#typing = false;
        this.#lastTrueAt = -Infinity;
        this.#evaluate();
      }
    });
  }
}

/**
 * Reports typing in `conversationId` from a text field: `input` events are keystrokes, leaving the
 * field stops at once. Returns the reporter and `detach()` (which also stops).
 *
 * @param {HTMLInputElement|HTMLTextAreaElement} field
 * @param {import("./status-client.js").UserStatusClient} client
 * @param {string} conversationId
 * @param {object} [options] TypingReporter's options
 */
export function bindTyping(field, client, conversationId, options) {
  const reporter = new TypingReporter((isTyping) => client.typing(conversationId, isTyping), options);
  const onInput = () => reporter.keystroke();
  const onBlur = () => reporter.stopped();
  field.addEventListener("input", onInput);
  field.addEventListener("blur", onBlur);
  return {
    reporter,
    detach() {
      field.removeEventListener("input", onInput);
      field.removeEventListener("blur", onBlur);
      reporter.stopped();
    },
  };
}
