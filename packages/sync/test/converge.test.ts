/**
 * Property: any interleaving of local decisions, citizens' changes on İYS, sync passes and time
 * converges — after a final push and pull, local and İYS agree for every key.
 */
import type { ConsentStatus } from '@izinkit/iys';
import { type IysSimulator, startIysSimulator } from '@izinkit/iys-simulator';
import { ConsentRepository, type Database, migrate } from '@izinkit/postgres';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyncEngine, startSyncEngine } from '../src/index.js';
import { clientFor, key, keys, phone } from './helpers.js';

type Cmd =
  | { readonly kind: 'local'; readonly k: number; readonly status: ConsentStatus }
  | { readonly kind: 'citizen'; readonly k: number; readonly status: ConsentStatus }
  | { readonly kind: 'sync' }
  | { readonly kind: 'advance'; readonly minutes: number };

const KEYS = 4;
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('local' as const),
      k: fc.nat(KEYS - 1),
      status: fc.constantFrom<ConsentStatus>('ONAY', 'RET'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('citizen' as const),
      k: fc.nat(KEYS - 1),
      status: fc.constantFrom<ConsentStatus>('ONAY', 'RET'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'sync' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.integer({ min: 1, max: 180 }),
    }),
  },
);

describe('convergence of local and citizen changes', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let sim: IysSimulator;
  let consents: ConsentRepository;
  let engine: SyncEngine;
  // Monday 16 March 2026, 10:00 in Türkiye; only ever moves forward.
  let t = Date.parse('2026-03-16T07:00:00.000Z');
  const now = (): Date => new Date(t);

  beforeAll(async () => {
    ({ db, dispose } = await databaseFixtures()[0]!.open());
    await migrate(db);
    consents = new ConsentRepository({ db, keys, now });
    sim = await startIysSimulator({ now, seed: 5 });
    engine = startSyncEngine({
      db,
      consents,
      client: clientFor(sim, now),
      brandCodes: ['600000'],
      now,
      autoStart: false,
      push: { pollIntervalMs: 2, inDoubtGraceMs: 0, backoff: { baseMs: 1, maxMs: 2 } },
    });
  });
  afterAll(async () => {
    await engine.stop();
    await sim.close();
    await dispose();
  });

  let run = 0;
  it('after sync and pull, local and İYS agree for every key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 14 }), async (cmds) => {
        const base = 1000 + run++ * KEYS; // fresh recipients for every run
        let decision = 0;
        for (const c of cmds) {
          t += 1000;
          switch (c.kind) {
            case 'local': {
              const r = await consents.record(key(base + c.k), {
                type: 'DECISION_RECORDED',
                at: now().toISOString(),
                decisionId: `p${base}-${decision++}`,
                status: c.status,
                source: 'HS_CAGRI_MERKEZI',
                consentDate: new Date(t - 500).toISOString(),
              });
              // The machine refuses what İYS would (a first record cannot be RET): nothing is stored.
              expect(['ok', 'first_record_ret']).toContain(
                r.outcome.kind === 'rejected' ? r.outcome.error.code : 'ok',
              );
              break;
            }
            case 'citizen':
              // İYS refuses some (a first RET, the same status again): so would a citizen's app.
              await sim
                .citizenChange({
                  brandCode: 600000,
                  recipient: phone(base + c.k),
                  recipientType: 'BIREYSEL',
                  type: 'MESAJ',
                  status: c.status,
                  source: 'IYS_MOBIL',
                })
                .catch(() => undefined);
              break;
            case 'sync':
              await engine.runOnce();
              break;
            case 'advance':
              t += c.minutes * 60_000;
              break;
          }
        }
        // Settle: the pull hides the last hour.
        t += 2 * 3_600_000;
        await engine.runOnce();
        await engine.runOnce();
        const remote = new Map(sim.consents(600000).map((r) => [r.recipient, r.status]));
        for (let k = 0; k < KEYS; k++) {
          const local = await consents.get(key(base + k));
          const theirs = remote.get(phone(base + k));
          const ours = local?.state.current?.status;
          // No record anywhere, or a RET with nothing to withdraw, both mean "do not send".
          expect({ k, ours: ours ?? 'RET', pending: local?.state.outbox.length ?? 0 }).toEqual({
            k,
            ours: theirs ?? 'RET',
            pending: 0,
          });
        }
      }),
      {
        numRuns: process.env.IZINKIT_FULL === '1' ? 200 : 25,
        ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
      },
    );
  }, 600_000);
});
