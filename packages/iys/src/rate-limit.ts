/**
 * A client-side rate limiter (token bucket), so that the client stays under İYS's per-second
 * limit (H124) instead of bouncing off it.
 */

/**
 * Options of {@link createRateLimiter}.
 *
 * @example
 * ```ts
 * const options: RateLimiterOptions = { requestsPerSecond: 10, burst: 10 };
 * ```
 */
export interface RateLimiterOptions {
  /** Sustained rate. */
  readonly requestsPerSecond: number;
  /** Bucket size: how many requests may go at once after a quiet period (default: one second's worth, at least 1). */
  readonly burst?: number;
  /** Monotonic clock in ms (default `performance.now`). */
  readonly now?: () => number;
}

/**
 * A token bucket shared by every request of a client.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ requestsPerSecond: 5 });
 * await limiter.acquire();
 * ```
 */
export interface RateLimiter {
  /** Resolves when a request may go; rejects with the signal's reason when it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Holds every request back until `ms` from now (after a 429 with `Retry-After`). */
  pauseFor(ms: number): void;
  /** Requests waiting. */
  readonly pending: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Creates a {@link RateLimiter}. Waiters are served in arrival order.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 1 });
 * await limiter.acquire(); // immediately
 * await limiter.acquire(); // about 500 ms later
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.requestsPerSecond;
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new RangeError('requestsPerSecond pozitif olmalı / requestsPerSecond must be positive');
  }
  const burst = Math.max(1, options.burst ?? Math.ceil(rate));
  const now = options.now ?? (() => performance.now());
  let tokens = burst;
  let last = now();
  let pausedUntil = 0;
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refill = (): void => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
  };

  const drain = (): void => {
    timer = undefined;
    refill();
    const t = now();
    while (queue.length > 0 && tokens >= 1 && t >= pausedUntil) {
      const w = queue.shift()!;
      tokens -= 1;
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    if (queue.length > 0) schedule();
  };

  const schedule = (): void => {
    if (timer !== undefined) return;
    const t = now();
    const wait = Math.max(pausedUntil - t, tokens >= 1 ? 0 : ((1 - tokens) / rate) * 1000);
    timer = setTimeout(drain, Math.max(1, Math.ceil(wait)));
  };

  return {
    acquire(signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      refill();
      if (queue.length === 0 && tokens >= 1 && now() >= pausedUntil) {
        tokens -= 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const w: Waiter = { resolve, reject, signal, onAbort: undefined };
        if (signal) {
          w.onAbort = () => {
            const i = queue.indexOf(w);
            if (i >= 0) queue.splice(i, 1);
            reject(signal.reason);
          };
          signal.addEventListener('abort', w.onAbort, { once: true });
        }
        queue.push(w);
        schedule();
      });
    },
    pauseFor(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + Math.max(0, ms));
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (queue.length > 0) schedule();
    },
    get pending(): number {
      return queue.length;
    },
  };
}
