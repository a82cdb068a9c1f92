/**
 * Rate limits shared by every process of the hub on one PostgreSQL.
 *
 * Each process keeps its own token buckets and answers from memory (no database work on the
 * request path). Once a second it writes what it let through since the last round — a keyed
 * digest per bucket, never the IP address or key id itself — and charges its own buckets with what
 * the other processes let through. With N processes a client therefore gets the configured rate
 * in total, not N times it; the price is up to one round (one second) of lag, during which each
 * process may still spend its own burst.
 *
 * Approximate by design: a round that fails (database down) is retried with the next one and the
 * limits fall back to per-process meanwhile; a row another process commits out of id order can
 * be missed (it then costs nobody anything — the limit errs on the generous side, never on
 * refusing good traffic).
 */
import { createHmac } from 'node:crypto';
import type { Database } from '@izinkit/postgres';

/** A bucket's verdict. */
export interface Take {
  /** True when the request may go ahead. */
  readonly ok: boolean;
  /** Seconds until a token is available (when refused). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** Tokens this process let through since the last {@link SharedTokenBuckets.drain}. */
  used: number;
  readonly digest: string;
}

/** What a process let through for one bucket: the bucket's digest and the tokens taken. */
export interface BucketUse {
  /** The bucket key's keyed digest (the same in every process that shares the secret). */
  readonly digest: string;
  /** Tokens taken. */
  readonly n: number;
}

/**
 * Token buckets by key (`perSecond` refill, `burst` capacity) that can be charged with what other
 * processes took: {@link SharedTokenBuckets.drain} hands out this process's use since the last
 * call, {@link SharedTokenBuckets.charge} takes the others' use off the same buckets. Buckets are
 * found by a keyed digest of their key, so the keys themselves (IP addresses, API key ids) never
 * leave the process.
 *
 * @example
 * ```ts
 * const a = new SharedTokenBuckets({ perSecond: 1, burst: 2 }, (k) => k);
 * const b = new SharedTokenBuckets({ perSecond: 1, burst: 2 }, (k) => k);
 * a.take('ip:1'); a.take('ip:1');
 * for (const u of a.drain()) b.charge(u.digest, u.n);
 * b.take('ip:1').ok; // false: the two tokens were spent in the other process
 * ```
 */
export class SharedTokenBuckets {
  readonly #rate: number;
  readonly #burst: number;
  readonly #digest: (key: string) => string;
  readonly #now: () => number;
  readonly #byKey = new Map<string, Bucket>();
  /** Every bucket by digest, including those only charged so far (no local key yet). */
  readonly #byDigest = new Map<string, Bucket>();
  readonly #touched = new Set<Bucket>();
  #sweepAt = 0;

  /**
   * @param options - refill rate and capacity
   * @param digest - the keyed digest of a bucket key (same secret in every process)
   * @param now - clock in ms (tests)
   */
  constructor(
    options: { readonly perSecond: number; readonly burst: number },
    digest: (key: string) => string,
    now: () => number = () => performance.now(),
  ) {
    this.#rate = options.perSecond / 1000;
    this.#burst = options.burst;
    this.#digest = digest;
    this.#now = now;
  }

  /** Takes `cost` tokens from `key`'s bucket. */
  take(key: string, cost = 1): Take {
    const now = this.#now();
    let b = this.#byKey.get(key);
    if (b === undefined) {
      const digest = this.#digest(key);
      b = this.#byDigest.get(digest);
      if (b === undefined) {
        b = { tokens: this.#burst, at: now, used: 0, digest };
        this.#byDigest.set(digest, b);
      } else this.#refill(b, now);
      this.#byKey.set(key, b);
    } else this.#refill(b, now);
    if (now > this.#sweepAt) this.#sweep(now);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      b.used += cost;
      this.#touched.add(b);
      return { ok: true, retryAfterSeconds: 0 };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - b.tokens) / this.#rate / 1000)) };
  }

  /** What this process let through since the last call (and forgets it). */
  drain(): BucketUse[] {
    const out: BucketUse[] = [];
    for (const b of this.#touched) {
      if (b.used > 0) out.push({ digest: b.digest, n: b.used });
      b.used = 0;
    }
    this.#touched.clear();
    return out;
  }

  /**
   * Takes `n` tokens that another process let through off the bucket with this digest (down to
   * minus one burst, so a flood elsewhere blocks here for at most two bursts' refill time).
   */
  charge(digest: string, n: number): void {
    if (!(n > 0)) return;
    const now = this.#now();
    let b = this.#byDigest.get(digest);
    if (b === undefined) {
      b = { tokens: this.#burst, at: now, used: 0, digest };
      this.#byDigest.set(digest, b);
    } else this.#refill(b, now);
    b.tokens = Math.max(-this.#burst, b.tokens - n);
  }

  /** Buckets held (with a local key or only charged). */
  get size(): number {
    return this.#byDigest.size;
  }

  #refill(b: Bucket, now: number): void {
    b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#rate);
    b.at = now;
  }

  #sweep(now: number): void {
    this.#sweepAt = now + 60_000;
    // A bucket that has refilled to full (from as low as minus one burst) carries no state.
    const full = (2 * this.#burst) / this.#rate;
    for (const [d, b] of this.#byDigest) {
      if (now - b.at > full && b.used === 0) this.#byDigest.delete(d);
    }
    for (const [k, b] of this.#byKey) if (this.#byDigest.get(b.digest) !== b) this.#byKey.delete(k);
  }
}

/**
 * A keyed digest for bucket keys: HMAC-SHA-256 under a secret every process shares, 128 bits in
 * base64url. An IP address cannot be recovered from it by trying all addresses without the
 * secret.
 *
 * @example
 * ```ts
 * const digest = bucketDigest(lookupKey);
 * new SharedTokenBuckets({ perSecond: 50, burst: 100 }, digest);
 * ```
 */
export function bucketDigest(secret: Uint8Array): (key: string) => string {
  return (key) =>
    createHmac('sha256', secret)
      .update('izinkit.rate-limit\0')
      .update(key)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
}

/** Options of {@link RateLimitSync}. */
export interface RateLimitSyncOptions {
  /** The hub's database (a PostgreSQL server; with one embedded process there is nothing to share). */
  readonly db: Database;
  /** The limiters to share, by a name that is the same in every process. */
  readonly limiters: ReadonlyMap<string, SharedTokenBuckets>;
  /** This process's id (random per start). */
  readonly processId: string;
  /** Round interval, ms (default 1000). */
  readonly intervalMs?: number;
  /** Called when a round fails (the next round retries; the limits stay per-process meanwhile). */
  readonly onError?: (error: unknown) => void;
}

interface UsageRow {
  id: string;
  limiter: string;
  digest: string;
  n: number;
}

/**
 * Shares rate-limit use between the processes of one hub through the `rate_limit_usage` table:
 * each round writes this process's use and reads everyone else's since the last round, in one
 * statement.
 *
 * @example
 * ```ts
 * const sync = new RateLimitSync({ db, limiters: new Map([['ip', ipLimiter]]), processId: randomUUID() });
 * await sync.start();
 * // … on shutdown:
 * await sync.stop();
 * ```
 */
export class RateLimitSync {
  readonly #o: RateLimitSyncOptions;
  #lastId = '0';
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> = Promise.resolve();
  #rounds = 0;
  #unsent: { names: string[]; digests: string[]; counts: number[] } = { names: [], digests: [], counts: [] };

  /** @param options - database, limiters, process id */
  constructor(options: RateLimitSyncOptions) {
    this.#o = options;
  }

  /** Reads where the shared log ends, then runs a round every interval. */
  async start(): Promise<void> {
    const { rows } = await this.#o.db.query<{ id: string }>(
      'select coalesce(max(id), 0)::text as id from rate_limit_usage',
    );
    this.#lastId = rows[0]?.id ?? '0';
    const every = this.#o.intervalMs ?? 1000;
    this.#timer = setInterval(() => {
      this.#round = this.#round.then(() => this.round()).catch((e) => this.#o.onError?.(e));
    }, every);
    this.#timer.unref();
  }

  /**
   * One round: writes this process's use since the last round and charges the limiters with the
   * other processes' use; every 60th round also deletes rows older than two minutes.
   */
  async round(): Promise<void> {
    // What a failed round could not write goes with this one (at most 100,000 buckets are kept).
    const names = this.#unsent.names;
    const digests = this.#unsent.digests;
    const counts = this.#unsent.counts;
    this.#unsent = { names: [], digests: [], counts: [] };
    for (const [name, limiter] of this.#o.limiters) {
      for (const u of limiter.drain()) {
        names.push(name);
        digests.push(u.digest);
        counts.push(Math.min(u.n, 2_147_483_647));
      }
    }
    let rows: UsageRow[];
    try {
      ({ rows } = await this.#o.db.query<UsageRow>(
        `with mine as (
           insert into rate_limit_usage (process_id, limiter, digest, n)
           select $1, l, d, n from unnest($2::text[], $3::text[], $4::int4[]) as t(l, d, n)
         )
         select id::text as id, limiter, digest, n from rate_limit_usage
          where id > $5::int8 and process_id <> $1
          order by id`,
        [this.#o.processId, names, digests, counts, this.#lastId],
      ));
    } catch (e) {
      const keep = Math.max(0, names.length - 100_000);
      this.#unsent = { names: names.slice(keep), digests: digests.slice(keep), counts: counts.slice(keep) };
      throw e;
    }
    for (const r of rows) {
      this.#o.limiters.get(r.limiter)?.charge(r.digest, r.n);
      this.#lastId = r.id;
    }
    if (++this.#rounds % 60 === 0) {
      await this.#o.db.query(`delete from rate_limit_usage where at < now() - interval '2 minutes'`);
    }
  }

  /** Stops the rounds (waits for one in flight). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#round;
  }
}

/** The rate limits of one hub process: per IP, per API key, and per route where a route sets one. */
export class HubRateLimits {
  /** Requests per client address. */
  readonly ip: SharedTokenBuckets;
  /** Requests per API key. */
  readonly key: SharedTokenBuckets;
  readonly #digest: (key: string) => string;
  readonly #all = new Map<string, SharedTokenBuckets>();
  #sync: RateLimitSync | undefined;

  /**
   * @param limits - the configured rates (`RATE_LIMIT_PER_IP`, `RATE_LIMIT_PER_KEY`)
   * @param secret - the secret the bucket digests are keyed with (the same in every process)
   */
  constructor(
    limits: {
      readonly rateLimitIp: { readonly perSecond: number; readonly burst: number };
      readonly rateLimitKey: { readonly perSecond: number; readonly burst: number };
    },
    secret: Uint8Array,
  ) {
    this.#digest = bucketDigest(secret);
    this.ip = this.#add('ip', limits.rateLimitIp);
    this.key = this.#add('key', limits.rateLimitKey);
  }

  /** The limiter of a route that allows `perMinute` requests a minute (created once per route id). */
  route(id: string, perMinute: number): SharedTokenBuckets {
    return (
      this.#all.get(`route:${id}`) ??
      this.#add(`route:${id}`, { perSecond: perMinute / 60, burst: perMinute })
    );
  }

  /**
   * Shares the limits with the hub's other processes through `db` (see {@link RateLimitSync}).
   *
   * @example
   * ```ts
   * await limits.share(hub.db, { processId: randomUUID(), onError: (e) => log.warn({ err: e }, 'rate limits') });
   * ```
   */
  async share(
    db: Database,
    options: {
      readonly processId: string;
      readonly intervalMs?: number;
      readonly onError?: (e: unknown) => void;
    },
  ): Promise<void> {
    const sync = new RateLimitSync({ db, limiters: this.#all, ...options });
    await sync.start();
    this.#sync = sync;
  }

  /** Stops sharing (waits for a round in flight). */
  async stop(): Promise<void> {
    await this.#sync?.stop();
    this.#sync = undefined;
  }

  #add(name: string, rate: { readonly perSecond: number; readonly burst: number }): SharedTokenBuckets {
    const b = new SharedTokenBuckets(rate, this.#digest);
    this.#all.set(name, b);
    return b;
  }
}
