/**
 * In-process token buckets. Each instance limits on its own: with N instances behind a load
 * balancer a client gets up to N times the configured rate (put a shared limiter in front if
 * that matters).
 */

/** A bucket's verdict. */
export interface Take {
  /** True when the request may go ahead. */
  readonly ok: boolean;
  /** Seconds until a token is available (when refused). */
  readonly retryAfterSeconds: number;
}

/**
 * Token buckets by key: `perSecond` refill, `burst` capacity. Idle buckets are dropped.
 *
 * @example
 * ```ts
 * const limiter = new TokenBuckets({ perSecond: 10, burst: 20 });
 * if (!limiter.take(`ip:${ip}`).ok) reply429();
 * ```
 */
export class TokenBuckets {
  readonly #rate: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;
  #sweepAt = 0;

  /**
   * @param options - refill rate and capacity
   * @param now - clock in ms (tests)
   */
  constructor(
    options: { readonly perSecond: number; readonly burst: number },
    now: () => number = () => performance.now(),
  ) {
    this.#rate = options.perSecond / 1000;
    this.#burst = options.burst;
    this.#now = now;
  }

  /** Takes one token from `key`'s bucket. */
  take(key: string, cost = 1): Take {
    const now = this.#now();
    let b = this.#buckets.get(key);
    if (!b) {
      b = { tokens: this.#burst, at: now };
      this.#buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#rate);
      b.at = now;
    }
    if (now > this.#sweepAt) this.#sweep(now);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, retryAfterSeconds: 0 };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - b.tokens) / this.#rate / 1000)) };
  }

  /** Buckets held. */
  get size(): number {
    return this.#buckets.size;
  }

  #sweep(now: number): void {
    this.#sweepAt = now + 60_000;
    const full = this.#burst / this.#rate;
    for (const [k, b] of this.#buckets) if (now - b.at > full) this.#buckets.delete(k);
  }
}
