/**
 * Retries with exponential backoff and full jitter, honouring `Retry-After`.
 */

/**
 * How the client retries: 429, 5xx, network failures, timeouts and İYS's retryable H-codes
 * (H015, H101–H103, H123, H124, H179, H192, H412, H470, plus H083).
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { retries: 8, baseDelayMs: 200, maxDelayMs: 10_000 };
 * ```
 */
export interface RetryOptions {
  /** Attempts after the first (default 5). `0` turns retries off. */
  readonly retries?: number;
  /** The first backoff step, in ms (default 250). */
  readonly baseDelayMs?: number;
  /** The largest backoff step, in ms (default 30 000). */
  readonly maxDelayMs?: number;
  /** Growth factor per attempt (default 2). */
  readonly factor?: number;
  /** The longest `Retry-After` the client will wait, in ms (default 120 000); longer ones fail the call. */
  readonly maxRetryAfterMs?: number;
  /** A random source in [0, 1) for the jitter (default `Math.random`). */
  readonly random?: () => number;
}

/**
 * The wait before retry number `attempt` (0 for the first retry): "full jitter", a random value
 * between 0 and `min(maxDelayMs, baseDelayMs × factor^attempt)`.
 *
 * @example
 * ```ts
 * computeBackoffMs(0, { baseDelayMs: 100, random: () => 0.5 }); // 50
 * computeBackoffMs(3, { baseDelayMs: 100, random: () => 0.999 }); // just under 800
 * ```
 */
export function computeBackoffMs(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 30_000;
  const factor = options.factor ?? 2;
  const ceiling = Math.min(cap, base * factor ** Math.max(0, attempt));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from `now`,
 * or `undefined` when absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 * ```
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
