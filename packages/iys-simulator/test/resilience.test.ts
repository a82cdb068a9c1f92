import { IysApiError } from '@izinkit/iys';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, onay, phone, type Setup, setup } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());

describe('resilience', () => {
  it('addBatch of 20,000 under 20% injected 5xx/429 and latency: one correct result each, nothing submitted twice', async () => {
    s = await setup(
      {
        faults: {
          rate: 0.2,
          kinds: ['500', '502', '503', '429', 'H192'],
          latencyMs: [0, 4],
          retryAfterSeconds: 0,
          match: () => true,
          seed: 3,
        },
      },
      {
        retry: { retries: 12, baseDelayMs: 2, maxDelayMs: 40 },
        batch: { pollIntervalMs: 2, maxPollIntervalMs: 10, concurrency: 3 },
      },
    );
    const n = 20_000;
    const input = Array.from({ length: n }, (_, i) =>
      onay(s.sim, phone(i), i % 50 === 0 ? { status: 'RET' } : {}),
    );
    const results = await s.client.consents.addBatch(BRAND, input);
    expect(results).toHaveLength(n);
    const stored = new Map(s.sim.consents(BRAND).map((c) => [c.recipient, c]));
    results.forEach((r, i) => {
      expect(r.index).toBe(i);
      if (i % 50 === 0) {
        expect(r.ok ? 'ok' : r.error.code).toBe('H175');
      } else {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.transactionId).toBe(stored.get(phone(i))!.transactionId);
      }
    });
    const subs = s.sim.submissions();
    expect(subs).toHaveLength(n);
    expect(new Set(subs.map((x) => x.recipient)).size).toBe(n);
    expect(s.sim.stats().faultsInjected).toBeGreaterThan(5);
  });

  it('survives one-shot H192, 503 and dropped connections', async () => {
    s = await setup();
    s.sim.injectFault({ kind: 'H192' });
    s.sim.injectFault({ kind: 'drop' });
    s.sim.injectFault({ kind: '503', times: 2 });
    await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    expect(s.sim.stats().faultsInjected).toBe(4);
    expect(
      s.sim.submissionCount({
        brandCode: BRAND,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        recipient: phone(1),
      }),
    ).toBe(1);
  });

  it('shows the ambiguous case: an answer lost after processing makes the retry an H174', async () => {
    s = await setup();
    s.sim.injectFault({ kind: 'drop', phase: 'after', match: (r) => r.path.endsWith('/consents') });
    const e = await s.client.consents.add(BRAND, onay(s.sim, phone(1))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysApiError);
    expect((e as IysApiError).code).toBe('H174'); // İYS already has it: treat as "already registered"
    expect(
      s.sim.submissionCount({
        brandCode: BRAND,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        recipient: phone(1),
      }),
    ).toBe(2);
  });

  it('rate-limits with 429 + H124; the client-side limiter stays under the limit', async () => {
    s = await setup({ rateLimit: { requestsPerSecond: 3 } }, { retry: false });
    const answers = await Promise.allSettled(Array.from({ length: 8 }, () => s.client.brands.list()));
    const rejected = answers.filter((a) => a.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.reason).toMatchObject({ code: 'H124', status: 429, retryAfterMs: 1000 });
    await s.close();
    // A token bucket of rate R and burst B sends at most R + B requests in any second.
    // (kept far below the server's limit: on a loaded machine answers arrive in bunches)
    s = await setup(
      { rateLimit: { requestsPerSecond: 20 } },
      { retry: false, rateLimit: { requestsPerSecond: 4, burst: 4 } },
    );
    await Promise.all(Array.from({ length: 12 }, () => s.client.brands.list()));
    expect(s.sim.stats().rateLimited).toBe(0); // the client-side limiter kept it under
  });
});
