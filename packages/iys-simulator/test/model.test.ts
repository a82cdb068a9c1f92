/**
 * Property test: a random sequence of provider operations (single and batch adds) and citizen
 * changes, with the clock moving, leaves the simulator in the state of a simple reference model —
 * and the pull, the daily summaries and the daily files always agree with the model's log.
 */
import { CONSENT_STATUSES, type ConsentStatus, type ConsentType, formatIysDate } from '@izinkit/iys';
import { consentOpArb, iysEmailArb, trMobileArb } from '@izinkit/test-utils/iys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRAND, setup } from './helpers.js';

const SOURCES = ['HS_WEB', 'HS_CAGRI_MERKEZI', 'HS_KARAR'] as const;
const CITIZEN = ['IYS_WEB', 'IYS_MOBIL', 'IYS_CM', 'IYS_KISAMESAJ'] as const;

interface Entry {
  status: ConsentStatus;
  source: string;
  consentDate: number;
}
interface LogEntry {
  key: string;
  recipient: string;
  type: ConsentType;
  status: ConsentStatus;
  source: string;
  party: 'HS' | 'IYS';
  at: number;
}

class Model {
  consents = new Map<string, Entry>();
  log: LogEntry[] = [];
  provider(
    recipient: string,
    type: ConsentType,
    status: ConsentStatus,
    source: string,
    consentDate: number,
    now: number,
  ): string {
    const key = `${type}|${recipient}`;
    const existing = this.consents.get(key);
    if (source === 'HS_KARAR' && status !== 'RET') return 'H408';
    if (!existing && status === 'RET') return 'H175';
    if (existing && existing.status === status) return 'H174';
    if (existing && consentDate <= existing.consentDate) return 'H178';
    this.consents.set(key, { status, source, consentDate });
    this.log.push({ key, recipient, type, status, source, party: 'HS', at: now });
    return 'ok';
  }
  citizen(recipient: string, type: ConsentType, status: ConsentStatus, source: string, now: number): string {
    const key = `${type}|${recipient}`;
    if (this.consents.get(key)?.status === status) return 'H174';
    this.consents.set(key, { status, source, consentDate: now });
    this.log.push({ key, recipient, type, status, source, party: 'IYS', at: now });
    return 'ok';
  }
}

const phones = fc.sample(trMobileArb, { numRuns: 3, seed: 11 });
const emails = fc.sample(iysEmailArb, { numRuns: 2, seed: 12 });
const consentArb = consentOpArb({
  phones,
  emails,
  phoneTypes: ['MESAJ', 'ARAMA'] as ConsentType[],
  emailType: 'EPOSTA' as ConsentType,
  statuses: CONSENT_STATUSES,
  sources: SOURCES,
});
const opArb = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      c: consentArb,
      minutesAgo: fc.integer({ min: 0, max: 120 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      items: fc.array(fc.record({ c: consentArb, minutesAgo: fc.integer({ min: 0, max: 120 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('citizen' as const),
      c: consentArb,
      source: fc.constantFrom(...CITIZEN),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.integer({ min: 1, max: 900 }),
    }),
    weight: 1,
  },
);

describe('simulator against a reference model', () => {
  it('state, pull, summaries and daily files agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const s = await setup({ threeBusinessDayRule: false });
        try {
          const model = new Model();
          const now = (): number => s.sim.now().getTime();
          for (const op of ops) {
            if (op.kind === 'advance') {
              s.sim.advance(op.minutes * 60_000);
            } else if (op.kind === 'add') {
              const consentDate = now() - op.minutesAgo * 60_000;
              const expected = model.provider(
                op.c.recipient,
                op.c.type,
                op.c.status,
                op.c.source,
                Math.floor(consentDate / 1000) * 1000,
                now(),
              );
              const got = await s.client.consents
                .add(BRAND, {
                  recipient: op.c.recipient,
                  recipientType: 'BIREYSEL',
                  type: op.c.type,
                  status: op.c.status,
                  source: op.c.source,
                  consentDate: new Date(consentDate),
                })
                .then(
                  () => 'ok',
                  (e: { code: string }) => e.code,
                );
              expect(got).toBe(expected);
            } else if (op.kind === 'citizen') {
              const expected = model.citizen(op.c.recipient, op.c.type, op.c.status, op.source, now());
              const got = await s.sim
                .citizenChange({
                  brandCode: BRAND,
                  recipient: op.c.recipient,
                  recipientType: 'BIREYSEL',
                  type: op.c.type,
                  status: op.c.status,
                  source: op.source,
                })
                .then(
                  () => 'ok',
                  (e: { code: string }) => e.code,
                );
              expect(got).toBe(expected);
            } else {
              // The client sends the k-th repeat of a key in wave k, each wave in input order.
              const waves: number[][] = [];
              const seen = new Map<string, number>();
              op.items.forEach((it, i) => {
                const k = `${it.c.type}|${it.c.recipient}`;
                const w = seen.get(k) ?? 0;
                seen.set(k, w + 1);
                const list = waves[w] ?? [];
                waves[w] = list;
                list.push(i);
              });
              const expected: string[] = new Array(op.items.length);
              const t = now();
              for (const wave of waves) {
                for (const i of wave) {
                  const it = op.items[i]!;
                  const consentDate = Math.floor((t - it.minutesAgo * 60_000) / 1000) * 1000;
                  expected[i] = model.provider(
                    it.c.recipient,
                    it.c.type,
                    it.c.status,
                    it.c.source,
                    consentDate,
                    t,
                  );
                }
              }
              const results = await s.client.consents.addBatch(
                BRAND,
                op.items.map((it) => ({
                  recipient: it.c.recipient,
                  recipientType: 'BIREYSEL',
                  type: it.c.type,
                  status: it.c.status,
                  source: it.c.source,
                  consentDate: new Date(t - it.minutesAgo * 60_000),
                })),
              );
              expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(expected);
            }
          }
          // State equals the model.
          const state = new Map(
            s.sim
              .consents(BRAND)
              .map((c) => [
                `${c.type}|${c.recipient}`,
                { status: c.status, source: c.source, consentDate: c.consentDate?.getTime() },
              ]),
          );
          expect(state).toEqual(model.consents);
          const log = s.sim.changeLog(BRAND).map((c) => [c.party, c.recipient, c.type, c.status, c.source]);
          expect(log).toEqual(model.log.map((e) => [e.party, e.recipient, e.type, e.status, e.source]));

          // Let every change become visible and every day reportable.
          s.sim.advance(25 * 3600_000);
          for (const party of ['HS', 'IYS'] as const) {
            const pulled = [];
            for await (const c of s.client.consents.changes(BRAND, { source: party, limit: 3 }))
              pulled.push(c);
            expect(pulled.map((c) => [c.recipient, c.type, c.status, c.source])).toEqual(
              model.log
                .filter((e) => e.party === party)
                .map((e) => [e.recipient, e.type, e.status, e.source]),
            );
          }
          const days = [...new Set(model.log.map((e) => formatIysDate(new Date(e.at))))];
          for (const day of days) {
            const ofDay = model.log.filter((e) => formatIysDate(new Date(e.at)) === day);
            const rows = await s.client.reconciliation.file(BRAND, day).collect(); // hash-verified
            expect(rows.map((r) => [r.recipient, r.type, r.status, r.source])).toEqual(
              ofDay.map((e) => [e.recipient, e.type, e.status, e.source]),
            );
            const summary = await s.client.reconciliation.summary(BRAND, day, 'BIREYSEL');
            for (const { type, consents } of summary.changeStats) {
              for (const c of consents) {
                const mine = ofDay.filter((e) => e.type === type && e.party === c.source);
                expect([c.total, c.approval, c.rejection]).toEqual([
                  mine.length,
                  mine.filter((e) => e.status === 'ONAY').length,
                  mine.filter((e) => e.status === 'RET').length,
                ]);
              }
            }
          }
        } finally {
          await s.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
