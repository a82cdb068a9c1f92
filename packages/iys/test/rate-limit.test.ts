import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeBackoffMs, createRateLimiter, parseRetryAfter } from '../src/index.js';

describe('backoff', () => {
  it('stays within full-jitter bounds and grows exponentially', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const ms = computeBackoffMs(attempt, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => r });
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(Math.min(10_000, 100 * 2 ** attempt));
      }),
    );
    expect(computeBackoffMs(3, { baseDelayMs: 100, random: () => 0.5 })).toBe(400);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('rate limiter', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());

  const tick = async (ms: number): Promise<void> => {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it('lets a burst through, then spaces requests at the rate', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 2, now: () => now });
    const done: number[] = [];
    for (let i = 0; i < 5; i++) limiter.acquire().then(() => done.push(i));
    await tick(0);
    expect(done).toEqual([0, 1]);
    expect(limiter.pending).toBe(3);
    await tick(99);
    expect(done).toEqual([0, 1]);
    await tick(1);
    expect(done).toEqual([0, 1, 2]);
    await tick(200);
    expect(done).toEqual([0, 1, 2, 3, 4]);
  });
  it('holds everything back during a pause', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 100, now: () => now });
    limiter.pauseFor(500);
    let passed = false;
    limiter.acquire().then(() => {
      passed = true;
    });
    await tick(499);
    expect(passed).toBe(false);
    await tick(2);
    expect(passed).toBe(true);
  });
  it('drops a waiter whose signal aborts', async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1, now: () => now });
    await limiter.acquire();
    const ac = new AbortController();
    const p = limiter.acquire(ac.signal);
    ac.abort(new Error('bye'));
    await expect(p).rejects.toThrow('bye');
    expect(limiter.pending).toBe(0);
  });
  it('refuses a non-positive rate', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
  });
});
