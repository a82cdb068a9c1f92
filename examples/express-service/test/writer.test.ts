/**
 * The group-commit writer, on PGlite and (when TEST_DATABASE_URL is set) the PostgreSQL server:
 * concurrent requests share transactions, yet each one gets its own committed evidence entry that
 * the Merkle log proves, and a request that fails inside a shared batch fails alone.
 */
import { consentKey } from '@izinkit/consent';
import { leafHash, verifyInclusion } from '@izinkit/evidence';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers.js';

const consentDate = (): string => new Date(Date.now() - 3_600_000).toISOString();

describe.each(databaseFixtures())('group-commit writer on $name', (fixture) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(fixture, {}, { workers: false });
  }, 180_000);
  afterAll(async () => {
    await svc?.dispose();
  }, 60_000);

  it('gives every concurrent POST its own evidence entry, each provable in the log', async () => {
    const n = 40;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        svc.call('/v1/brands/600000/consents', {
          method: 'POST',
          json: {
            recipient: `+90532${String(2_000_000 + i)}`,
            recipientType: 'BIREYSEL',
            type: 'MESAJ',
            status: 'ONAY',
            source: 'HS_WEB',
            consentDate: consentDate(),
            decisionId: `writer-test-${i}`,
            evidence: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' },
          },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(n).fill(201));
    const bodies = (await Promise.all(replies.map((r) => r.json()))) as {
      decisionId: string;
      evidenceId: number;
    }[];
    const ids = bodies.map((b) => b.evidenceId);
    expect(new Set(ids).size).toBe(n);
    // Sequence everything queued, then prove each entry against the log head.
    while ((await svc.hub.evidence.sequence()).sequenced > 0);
    const head = await svc.hub.evidence.head();
    for (const [i, b] of bodies.entries()) {
      const entry = await svc.hub.evidence.entry(b.evidenceId);
      expect(entry?.canonical).toContain(`writer-test-${i}`);
      const p = await svc.hub.evidence.inclusionProof(b.evidenceId, head.size);
      const leaf = leafHash(new TextEncoder().encode(entry!.canonical));
      expect(verifyInclusion(leaf, p.leafIndex, p.treeSize, p.proof, head.root)).toBe(true);
    }
  });

  it('fails only the request that fails inside a shared batch', async () => {
    const keyOf = (i: number) => {
      const k = consentKey({
        brandCode: '600000',
        recipient: `+90532${String(3_000_000 + i)}`,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      });
      if (!k.ok) throw new Error(k.error.message);
      return k.value;
    };
    const bad = 5;
    const jobs = Array.from({ length: 12 }, (_, i) =>
      svc.hub.writer.write({
        items: [
          {
            key: keyOf(i),
            event: {
              type: 'DECISION_RECORDED',
              at: new Date().toISOString(),
              decisionId: `isolation-${i}`,
              status: 'ONAY',
              source: 'HS_WEB',
              consentDate: consentDate(),
            },
          },
        ],
        audit: [{ actor: 'test', action: 'consent.record', target: `isolation-${i}` }],
        ...(i === bad
          ? {
              extra: async () => {
                throw new Error('this request fails');
              },
            }
          : {}),
      }),
    );
    const settled = await Promise.allSettled(jobs);
    for (const [i, s] of settled.entries()) {
      if (i === bad) {
        expect(s.status).toBe('rejected');
        expect(String((s as PromiseRejectedResult).reason)).toContain('this request fails');
        expect(await svc.hub.consents.get(keyOf(i))).toBeNull();
      } else {
        expect(s.status).toBe('fulfilled');
        expect((s as PromiseFulfilledResult<{ outcome: { kind: string } }[]>).value[0]!.outcome.kind).toBe(
          'applied',
        );
        expect((await svc.hub.consents.get(keyOf(i)))?.state.current?.status).toBe('ONAY');
      }
    }
  });
});
