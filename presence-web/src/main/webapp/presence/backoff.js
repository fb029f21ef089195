/**
 * Reconnect delays (seed 003): 1 s doubling to a cap of 16 s, each shortened by a random part of up
 * to `jitter` so that clients dropped together by one server restart do not all come back in the
 * same instant.
 *
 * @param {number} attempt 0 for the first retry, 1 for the second, ...
 * @param {{initialMs?: number, maxMs?: number, jitter?: number}} [options]
 * @param {() => number} [random] a source of numbers in [0, 1), replaceable for tests
 * @returns {number} milliseconds to wait, in [base * (1 - jitter), base] where base = min(max, initial * 2^attempt)
 */
export function backoffDelay(attempt, { initialMs = 1000, maxMs = 16000, jitter = 0.25 } = {}, random = Math.random) {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - jitter * random()));
}
