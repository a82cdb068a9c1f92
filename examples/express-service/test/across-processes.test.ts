/**
 * What the processes of one hub share through the database: rate limits (two processes' buckets
 * charge each other, so the configured rate holds in total; only keyed digests of the keys reach
 * the database) and the captcha's used challenges (a solved challenge passes once in the hub).
 */
import { randomBytes } from 'node:crypto';
import { type Database, migrate } from '@izinkit/postgres';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketDigest, RateLimitSync, SharedTokenBuckets } from '../src/http/rate-limit.js';
import type { Hub } from '../src/hub.js';
import { ProofOfWorkCaptcha } from '../src/web/captcha.js';
import {
  ADMIN_LOGIN_ATTEMPTS,
  loginFailed,
  loginLocked,
  loginSucceeded,
  spendChallenge,
} from '../src/web/store.js';
import { startTestService } from './helpers.js';

describe('SharedTokenBuckets', () => {
  it('answers from memory and refills like a token bucket', () => {
    let now = 0;
    const b = new SharedTokenBuckets(
      { perSecond: 2, burst: 3 },
      (k) => `d:${k}`,
      () => now,
    );
    expect([1, 2, 3, 4].map(() => b.take('ip:1').ok)).toEqual([true, true, true, false]);
    expect(b.take('ip:1').retryAfterSeconds).toBe(1);
    expect(b.take('ip:2').ok).toBe(true);
    now = 500; // one token back
    expect(b.take('ip:1').ok).toBe(true);
    expect(b.take('ip:1').ok).toBe(false);
  });

  it('hands out its use once and takes the others’ use off the same bucket', () => {
    let now = 0;
    const clock = () => now;
    const digest = (k: string) => `d:${k}`;
    const a = new SharedTokenBuckets({ perSecond: 1, burst: 4 }, digest, clock);
    const b = new SharedTokenBuckets({ perSecond: 1, burst: 4 }, digest, clock);
    a.take('key:1');
    a.take('key:1');
    a.take('key:1');
    a.take('key:9');
    const used = a.drain();
    expect(used.sort((x, y) => x.digest.localeCompare(y.digest))).toEqual([
      { digest: 'd:key:1', n: 3 },
      { digest: 'd:key:9', n: 1 },
    ]);
    expect(a.drain()).toEqual([]);
    // b has not seen key:1 yet: the charge waits in a bucket of its own until the key shows up.
    for (const u of used) b.charge(u.digest, u.n);
    expect(b.take('key:1').ok).toBe(true);
    expect(b.take('key:1').ok).toBe(false);
    // A flood elsewhere blocks for at most two bursts' refill.
    b.charge('d:key:9', 1000);
    expect(b.take('key:9').ok).toBe(false);
    now = 4000; // from minus one burst (−4) back to 0
    expect(b.take('key:9').ok).toBe(false);
    now = 5000;
    expect(b.take('key:9').ok).toBe(true);
  });

  it('ignores charges that are not positive numbers', () => {
    const b = new SharedTokenBuckets(
      { perSecond: 1, burst: 1 },
      (k) => k,
      () => 0,
    );
    b.charge('x', Number.NaN);
    b.charge('x', -5);
    b.charge('x', 0);
    expect(b.take('x').ok).toBe(true);
  });

  it('digests keys under a secret: stable, different per secret, never the key itself', () => {
    const s1 = bucketDigest(randomBytes(32));
    const s2 = bucketDigest(randomBytes(32));
    expect(s1('ip:203.0.113.7')).toBe(s1('ip:203.0.113.7'));
    expect(s1('ip:203.0.113.7')).not.toBe(s2('ip:203.0.113.7'));
    expect(s1('ip:203.0.113.7')).not.toContain('203');
    expect(s1('ip:203.0.113.7')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe.each(databaseFixtures())('RateLimitSync on $name', (fixture) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await fixture.open());
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await dispose?.();
  });

  it('holds the configured rate in total across two processes', async () => {
    const digest = bucketDigest(randomBytes(32));
    const now = 0;
    const mk = () => new SharedTokenBuckets({ perSecond: 0.001, burst: 10 }, digest, () => now);
    const ipA = mk();
    const ipB = mk();
    const syncA = new RateLimitSync({ db, limiters: new Map([['ip', ipA]]), processId: 'a' });
    const syncB = new RateLimitSync({ db, limiters: new Map([['ip', ipB]]), processId: 'b' });
    await syncA.start();
    await syncB.start();
    try {
      let allowed = 0;
      for (let i = 0; i < 8; i++) if (ipA.take('ip:198.51.100.1').ok) allowed++;
      await syncA.round();
      await syncB.round();
      for (let i = 0; i < 8; i++) if (ipB.take('ip:198.51.100.1').ok) allowed++;
      await syncB.round();
      await syncA.round();
      for (let i = 0; i < 8; i++) if (ipA.take('ip:198.51.100.1').ok) allowed++;
      // 10 in total (8 in A, then the 2 B had left), not 10 per process.
      expect(allowed).toBe(10);
      // Another key is untouched.
      expect(ipB.take('ip:198.51.100.2').ok).toBe(true);
      // Only digests reach the database.
      const { rows } = await db.query<{ digest: string; n: number; process_id: string }>(
        'select digest, n, process_id from rate_limit_usage order by id',
      );
      expect(rows.map((r) => [r.process_id, r.n])).toEqual([
        ['a', 8],
        ['b', 2],
      ]);
      expect(JSON.stringify(rows)).not.toContain('198.51.100');
    } finally {
      await syncA.stop();
      await syncB.stop();
    }
  });

  it('keeps limiting per process while the database fails, and catches up after', async () => {
    const errors: unknown[] = [];
    let down = true;
    const flaky = {
      query: (sql: string, params?: unknown[]) =>
        down ? Promise.reject(new Error('connection refused')) : db.query(sql, params),
    } as unknown as Database;
    const limiter = new SharedTokenBuckets(
      { perSecond: 0.001, burst: 2 },
      (k) => k,
      () => 0,
    );
    const sync = new RateLimitSync({
      db: flaky,
      limiters: new Map([['ip', limiter]]),
      processId: 'c',
      onError: (e) => errors.push(e),
    });
    await expect(sync.start()).rejects.toThrow('connection refused');
    expect(limiter.take('ip:x').ok).toBe(true);
    expect(limiter.take('ip:x').ok).toBe(true);
    expect(limiter.take('ip:x').ok).toBe(false);
    await expect(sync.round()).rejects.toThrow('connection refused');
    // The use the failed round could not write goes with the next round.
    down = false;
    limiter.take('ip:y');
    await sync.round();
    await sync.stop();
    const { rows } = await db.query<{ n: number }>(
      `select n from rate_limit_usage where process_id = 'c' order by n`,
    );
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });

  it('accepts a solved captcha challenge once in the whole hub, not once per process', async () => {
    const hub = { db } as unknown as Hub;
    const secret = randomBytes(32);
    let now = Date.now();
    const mk = () =>
      new ProofOfWorkCaptcha({
        secret,
        bits: 4,
        now: () => now,
        spend: (c, exp) => spendChallenge(hub, c, exp),
      });
    const a = mk();
    const b = mk();
    const challenge = a.challenge();
    const form = (nonce: string) =>
      ({ body: { pow_challenge: challenge, pow_nonce: nonce } }) as unknown as import('express').Request;
    const nonce = a.solve(challenge);
    expect((await b.verify(form('x'))).success).toBe(false);
    expect((await a.verify(form(nonce))).success).toBe(true);
    expect((await b.verify(form(nonce))).success).toBe(false);
    expect((await a.verify(form(nonce))).success).toBe(false);
    // Without a shared record each process only remembers its own.
    const alone1 = new ProofOfWorkCaptcha({ secret, bits: 4, now: () => now });
    const alone2 = new ProofOfWorkCaptcha({ secret, bits: 4, now: () => now });
    const c2 = alone1.challenge();
    const f2 = {
      body: { pow_challenge: c2, pow_nonce: alone1.solve(c2) },
    } as unknown as import('express').Request;
    expect((await alone1.verify(f2)).success).toBe(true);
    expect((await alone1.verify(f2)).success).toBe(false);
    expect((await alone2.verify(f2)).success).toBe(true);
    // Spent challenges are kept only until they expire.
    await db.query(`update web_captcha_spent set expires_at = now() - interval '1 second'`);
    now += 60_000;
    const c3 = a.challenge();
    const f3 = {
      body: { pow_challenge: c3, pow_nonce: a.solve(c3) },
    } as unknown as import('express').Request;
    expect((await b.verify(f3)).success).toBe(true);
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from web_captcha_spent');
    expect(rows[0]?.n).toBe(1);
  });

  it('locks admin sign-in from an address after too many wrong passwords, in every process', async () => {
    const hub = { db, secrets: { storage: { lookupKey: randomBytes(32) } } } as unknown as Hub;
    const ip = '192.0.2.44';
    for (let i = 0; i < ADMIN_LOGIN_ATTEMPTS - 1; i++) await loginFailed(hub, ip);
    expect(await loginLocked(hub, ip)).toBe(false);
    await loginFailed(hub, ip);
    expect(await loginLocked(hub, ip)).toBe(true);
    expect(await loginLocked(hub, '192.0.2.45')).toBe(false);
    const { rows } = await db.query('select digest from web_login_failures');
    expect(JSON.stringify(rows)).not.toContain('192.0.2');
    // The window ends: the count starts again.
    await db.query(`update web_login_failures set until = now() - interval '1 second'`);
    expect(await loginLocked(hub, ip)).toBe(false);
    await loginFailed(hub, ip);
    const again = await db.query<{ failures: number }>('select failures from web_login_failures');
    expect(again.rows.map((r) => r.failures)).toEqual([1]);
    await loginSucceeded(hub, ip);
    expect((await db.query('select 1 from web_login_failures')).rows).toEqual([]);
  });
});

describe.each(databaseFixtures())('the service’s rate limits on $name', (fixture) => {
  it('are charged with what other processes of the hub let through (server only)', async () => {
    const svc = await startTestService(fixture, { RATE_LIMIT_PER_IP: '1:1000' }, { workers: false });
    try {
      const db = svc.hub.db;
      for (let i = 0; i < 5; i++) expect((await svc.call('/healthz', { key: null })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const mine = await db.query<{ digest: string; n: number }>(
        `select digest, sum(n)::int as n from rate_limit_usage where limiter = 'ip' group by digest`,
      );
      if (db.dialect === 'pglite') {
        // One embedded process: nothing to share, nothing written.
        expect(mine.rows).toEqual([]);
        return;
      }
      // This process wrote its use under a digest (not the address)…
      expect(mine.rows).toHaveLength(1);
      expect(mine.rows[0]!.n).toBeGreaterThanOrEqual(5);
      expect(mine.rows[0]!.digest).not.toContain('127.0.0.1');
      // …and another process spends the whole burst for the same address.
      await db.query(
        `insert into rate_limit_usage (process_id, limiter, digest, n) values ('other-process', 'ip', $1, 3000)`,
        [mine.rows[0]!.digest],
      );
      let status = 200;
      for (let t = 0; t < 40 && status === 200; t++) {
        await new Promise((r) => setTimeout(r, 250));
        status = (await svc.call('/healthz', { key: null })).status;
      }
      expect(status).toBe(429);
    } finally {
      await svc.dispose();
    }
  }, 120_000);
});
