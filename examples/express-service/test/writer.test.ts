/**
 * The group-commit writer, on PGlite and (when TEST_DATABASE_URL is set) the PostgreSQL server:
 * concurrent requests share transactions, yet each one gets its own committed evidence entry that
 * the Merkle log proves, and a request that fails inside a shared batch fails alone.
 */
import { consentKey } from '@izinkit/consent';
import { canonicalize, leafHash, verifyInclusion } from '@izinkit/evidence';
import { ConsentRepository } from '@izinkit/postgres';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/domain/db.js';
import { startTestService, type TestService } from './helpers.js';

const consentDate = (): string => new Date(Date.now() - 3_600_000).toISOString();

const keyOf = (n: number) => {
  const k = consentKey({
    brandCode: '600000',
    recipient: `+90532${String(n)}`,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
  });
  if (!k.ok) throw new Error(k.error.message);
  return k.value;
};

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

  it('writes each request’s audit entry in the batch: an audit_log row and its evidence entry', async () => {
    const n = 12;
    const at = new Date(Date.now() - 1000);
    const jobs = Array.from({ length: n }, (_, i) =>
      svc.hub.writer.write({
        items: [
          {
            key: keyOf(4_000_000 + i),
            event: {
              type: 'DECISION_RECORDED',
              at: new Date().toISOString(),
              decisionId: `audit-${i}`,
              status: 'ONAY',
              source: 'HS_WEB',
              consentDate: consentDate(),
            },
          },
        ],
        audit: [
          {
            actor: 'test-audit',
            action: 'consent.record',
            target: `audit-${i}`,
            details: { i, n: [i, 'x'] },
            at,
          },
          { actor: 'test-audit', action: 'consent.note', target: `audit-${i}` },
        ],
      }),
    );
    expect((await Promise.all(jobs)).map((r) => r[0]!.outcome.kind)).toEqual(Array(n).fill('applied'));
    const rows = await svc.hub.access.listAudit({ actor: 'test-audit', limit: 100 });
    expect(rows).toHaveLength(2 * n);
    for (let i = 0; i < n; i++) {
      const mine = rows.filter((r) => r.target === `audit-${i}`);
      expect(mine.map((r) => r.action).sort()).toEqual(['consent.note', 'consent.record']);
      const rec = mine.find((r) => r.action === 'consent.record')!;
      expect(rec.details).toEqual({ i, n: [i, 'x'] });
      expect(rec.at.getTime()).toBe(at.getTime());
      // The evidence entry is the audit record itself, as AccessRepository.audit writes it.
      const entry = await svc.hub.evidence.entry(rec.evidenceId);
      expect(entry?.kind).toBe('audit');
      expect(entry?.canonical).toBe(
        canonicalize({
          type: 'izinkit.audit/1',
          at: at.toISOString(),
          actor: 'test-audit',
          action: 'consent.record',
          target: `audit-${i}`,
          details: { i, n: [i, 'x'] },
        }),
      );
    }
    // The sequencer chains them like any audit entry.
    while ((await svc.hub.evidence.sequence()).sequenced > 0);
    const chained = await svc.hub.access.listAudit({ actor: 'test-audit', limit: 100 });
    expect(chained.every((r) => typeof r.hash === 'string' && r.hash.length > 0)).toBe(true);
  });

  it.runIf(fixture.name === 'postgres')(
    'runs a batch again, in a new transaction, when another transaction creates one of its consents meanwhile',
    async () => {
      const key = keyOf(5_000_000);
      const event = (decisionId: string, status: 'ONAY' | 'RET', minutesAgo: number) => ({
        type: 'DECISION_RECORDED' as const,
        at: new Date().toISOString(),
        decisionId,
        status,
        source: 'HS_WEB' as const,
        consentDate: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      });
      // Another transaction creates the consent and holds its row uncommitted while the batch starts.
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let inserted!: () => void;
      const didInsert = new Promise<void>((r) => {
        inserted = r;
      });
      const other = svc.hub.db.transaction(async (tx) => {
        const repo = new ConsentRepository({
          db: inTransaction(svc.hub.db, tx),
          keys: svc.hub.secrets.storage,
        });
        await repo.record(key, event('race-other', 'ONAY', 120));
        inserted();
        await held;
      });
      await didInsert;
      const extraRuns: number[] = [];
      const job = svc.hub.writer.write({
        items: [{ key, event: event('race-batch', 'RET', 60) }],
        audit: [{ actor: 'test-race', action: 'consent.record', target: 'race' }],
        // An extra write puts the batch in the writer's own transaction (the path that must restart).
        extra: async (_tx, results) => {
          extraRuns.push(results.length);
        },
      });
      await new Promise((r) => setTimeout(r, 300));
      release();
      await other;
      const [r] = await job;
      expect(r!.outcome).toMatchObject({ kind: 'applied' });
      // Both decisions are in the log once each, on one consent, and the audit entry exists once.
      const events = await svc.hub.consents.events(key);
      expect(events.map((e) => (e.event as { decisionId?: string }).decisionId)).toEqual([
        'race-other',
        'race-batch',
      ]);
      expect((await svc.hub.consents.get(key))?.state.current?.status).toBe('RET');
      expect(await svc.hub.access.listAudit({ actor: 'test-race' })).toHaveLength(1);
      const refs = await svc.hub.db.query<{ n: number }>(
        `select count(*)::int as n from evidence_entries where ref like '%:race-batch'`,
      );
      expect(refs.rows[0]!.n).toBe(1);
      expect(extraRuns.at(-1)).toBe(1);
    },
    60_000,
  );

  it('fails only the request that fails inside a shared batch', async () => {
    const bad = 5;
    const jobs = Array.from({ length: 12 }, (_, i) =>
      svc.hub.writer.write({
        items: [
          {
            key: keyOf(3_000_000 + i),
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
        expect(await svc.hub.consents.get(keyOf(3_000_000 + i))).toBeNull();
      } else {
        expect(s.status).toBe('fulfilled');
        expect((s as PromiseFulfilledResult<{ outcome: { kind: string } }[]>).value[0]!.outcome.kind).toBe(
          'applied',
        );
        expect((await svc.hub.consents.get(keyOf(3_000_000 + i)))?.state.current?.status).toBe('ONAY');
      }
    }
  });
});
