import { type IysSimulator, startIysSimulator } from '@izinkit/iys-simulator';
import { ConsentRepository, type Database, migrate } from '@izinkit/postgres';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SyncAlert, startSyncEngine, syncStatus } from '../src/index.js';
import { clientFor, key, keys, phone, seed } from './helpers.js';

// Monday 16 March 2026, 10:00 in Türkiye.
const START = new Date('2026-03-16T07:00:00.000Z');

for (const fixture of databaseFixtures()) {
  describe(`sync engine on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let sim: IysSimulator;
    let t: number;
    const now = (): Date => new Date(t);
    let consents: ConsentRepository;
    const alerts: SyncAlert[] = [];

    beforeEach(async () => {
      t = START.getTime();
      alerts.length = 0;
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      consents = new ConsentRepository({ db, keys, now });
      sim = await startIysSimulator({ now, seed: 7 });
    });
    afterEach(async () => {
      await sim.close();
      await dispose();
    });

    const engine = (extra: Partial<Parameters<typeof startSyncEngine>[0]> = {}) =>
      startSyncEngine({
        db,
        consents,
        client: clientFor(sim, now),
        brandCodes: ['600000'],
        now,
        autoStart: false,
        onAlert: (a) => alerts.push(a),
        push: { pollIntervalMs: 5, inDoubtGraceMs: 0, backoff: { baseMs: 1, maxMs: 5 } },
        ...extra,
      });

    const outbox = async (): Promise<Record<string, number>> => {
      const { rows } = await db.query<{ k: string; n: number }>(
        `select status || ':' || coalesce(result, '-') as k, count(*)::int as n from iys_outbox group by 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.k, r.n]));
    };

    it('pushes every change once, feeds results back, and keeps the İYS transactions', async () => {
      await seed(consents, now, 600);
      const e = engine();
      const r = await e.runOnce();
      expect(r.push.accepted).toBe(600);
      expect(r.push.sent).toBe(600);
      expect(await outbox()).toEqual({ 'done:accepted': 600 });
      expect(sim.submissions()).toHaveLength(600);
      for (const i of [0, 345, 599]) {
        expect(
          sim.submissionCount({
            brandCode: 600000,
            recipientType: 'BIREYSEL',
            type: 'MESAJ',
            recipient: phone(i),
          }),
        ).toBe(1);
        const c = await consents.get(key(i));
        expect(c?.state.iys?.status).toBe('ONAY');
        expect(c?.state.outbox).toHaveLength(0);
      }
      const tx = await db.query<{ n: number }>(
        `select count(*)::int as n from iys_transactions where party = 'HS'`,
      );
      expect(tx.rows[0]!.n).toBe(600);
      // Nothing left: a second pass sends nothing.
      const again = await e.runOnce();
      expect(again.push.claimed).toBe(0);
      expect(sim.submissions()).toHaveLength(600);
      const s = await e.status();
      expect(s).toMatchObject({ pending: 0, inFlight: 0, overdue: 0, results: { accepted: 600 } });
      await e.stop();
    });

    it('never sends twice when the reply to a batch request is lost', async () => {
      await seed(consents, now, 300);
      // İYS processes the request, and the answer never arrives.
      sim.injectFault({
        kind: 'drop',
        phase: 'after',
        match: (q) => q.method === 'POST' && q.path.endsWith('/consents/request'),
      });
      // The check waits out a grace period, so the lost request has been processed by then.
      const e = engine({
        push: { pollIntervalMs: 5, inDoubtGraceMs: 5000, backoff: { baseMs: 1, maxMs: 5 } },
      });
      const first = await e.runOnce();
      expect(first.push).toMatchObject({ accepted: 0, retried: 300, checked: 0 });
      t += 6000;
      const r = await e.runOnce();
      expect(r.push, JSON.stringify(r.push)).toMatchObject({ checked: 300, accepted: 300, sent: 0 }); // asked İYS instead of sending again
      expect(sim.submissions()).toHaveLength(300);
      expect(sim.submissions().every((s) => s.outcome === 'success')).toBe(true);
      expect(await outbox()).toEqual({ 'done:accepted': 300 });
      await e.stop();
    });

    it('polls a request saved by a worker that died instead of sending it again', async () => {
      await seed(consents, now, 50);
      const client = clientFor(sim, now);
      // A first worker claims, marks, sends and saves the request id, then dies before polling.
      const claimed = await consents.claimIysChanges({ worker: 'dead', limit: 100, leaseMs: 1000 });
      await consents.markIysSubmitted(claimed);
      const sent = await client.consents.submitBatch(
        600000,
        claimed.map((c) => ({
          recipient: c.key.recipient,
          recipientType: c.key.recipientType,
          type: c.key.type,
          status: c.status,
          source: 'HS_WEB',
          consentDate: new Date(c.consentDate),
        })),
      );
      await consents.recordIysRequest(
        sent.requestId,
        claimed.map((c, i) => ({
          outboxId: c.outboxId,
          subrequestId: sent.subRequests[i]!.subrequestId,
          requestIndex: i,
        })),
      );
      t += 2000; // the lease runs out
      const r = await engine().runOnce();
      expect(r.push).toMatchObject({ claimed: 50, accepted: 50, sent: 0, checked: 0 });
      expect(sim.submissions()).toHaveLength(50);
    });

    it('refuses with the H-code and a clear reason when İYS holds a newer record (H178)', async () => {
      await seed(consents, now, 1);
      t += 60_000;
      await sim.citizenChange({
        brandCode: 600000,
        recipient: phone(0),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'ONAY',
        source: 'IYS_MOBIL',
      });
      await sim.citizenChange({
        brandCode: 600000,
        recipient: phone(0),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_MOBIL',
      });
      // Our change is older than the citizen's: İYS refuses it with H178.
      const e = engine({ pull: { enabled: false } });
      const r = await e.runOnce();
      expect(r.push.refused).toBe(1);
      const refused = alerts.find((a) => a.kind === 'refused');
      expect(refused).toMatchObject({ kind: 'refused', code: 'H178' });
      expect(refused?.message.tr).toMatch(/H178/);
      expect(refused?.message.en).toMatch(/at least as new/);
      const s = await syncStatus({ consents, now: now() });
      expect(s.refused).toEqual([{ code: 'H178', count: 1 }]);
    });

    it('pulls citizens’ changes through the machine, never echoes them, and keeps the cursor', async () => {
      await seed(consents, now, 3);
      const e = engine();
      await e.runOnce();
      t += 60_000;
      await sim.citizenChange({
        brandCode: 600000,
        recipient: phone(1),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'RET',
        source: 'IYS_MOBIL',
      });
      // A person the brand never heard of gives consent on İYS.
      await sim.citizenChange({
        brandCode: 600000,
        recipient: phone(77),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'ONAY',
        source: 'IYS_WEB',
      });
      t += 2 * 3_600_000; // the pull hides the last hour
      const r = await e.runOnce();
      expect(r.pull).toMatchObject({ read: 2, applied: 2, duplicates: 0, skipped: 0 });
      expect((await consents.get(key(1)))?.state.current?.status).toBe('RET');
      expect((await consents.get(key(77)))?.state.current?.status).toBe('ONAY');
      expect(await outbox()).toEqual({ 'done:accepted': 3 }); // nothing echoed back
      expect(sim.submissions()).toHaveLength(3);
      const cursor = await db.query<{ cursor: string }>(
        `select cursor from sync_cursors where brand_code = '600000' and source = 'IYS'`,
      );
      expect(cursor.rows[0]?.cursor).toBeTruthy();
      const again = await e.runOnce();
      expect(again.pull.read).toBe(0);
      // A page delivered again (lost cursor) changes nothing.
      await db.query(`update sync_cursors set cursor = null`);
      const replay = await e.runOnce();
      expect(replay.pull).toMatchObject({ read: 2, applied: 0, duplicates: 2 });
    });

    it('survives an outage: nothing lost, overdue changes raised, everything lands when İYS is back', async () => {
      await seed(consents, now, 200);
      const port = sim.port;
      await sim.close();
      const e = engine({ pull: { enabled: false } });
      const down = await e.runOnce();
      expect(down.push.accepted).toBe(0);
      expect(down.push.retried).toBeGreaterThanOrEqual(200);
      expect(alerts.some((a) => a.kind === 'iys_unreachable')).toBe(true);
      // Four business days later (Friday) İYS is still down: every change is overdue.
      t += 4 * 86_400_000;
      const late = await e.runOnce();
      expect(late.ticked).toBe(200);
      expect(alerts.filter((a) => a.kind === 'overdue')).toHaveLength(200);
      const s = await e.status();
      expect(s.overdue).toBe(200);
      expect(
        await consents.claimEffects({ worker: 'fx', kinds: ['raiseOverdue'], limit: 1000 }),
      ).toHaveLength(200);
      // İYS comes back (the 3-business-day rule would now refuse them: this İYS does not enforce it).
      sim = await startIysSimulator({ now, seed: 8, port, threeBusinessDayRule: false });
      t += 10_000;
      const back = await e.runOnce();
      expect(back.push.accepted).toBe(200);
      expect(await outbox()).toEqual({ 'done:accepted': 200 });
      expect(sim.submissions()).toHaveLength(200);
      // Overdue alerts are raised once per change.
      await e.runOnce();
      expect(alerts.filter((a) => a.kind === 'overdue')).toHaveLength(200);
    });

    it('raises changes at risk of missing their deadline, counted in business days', async () => {
      await seed(consents, now, 5);
      // İYS refuses everything with a retryable code: the changes stay and their deadline nears.
      sim.setFaults({ rate: 1, kinds: ['503'] });
      const e = engine({ pull: { enabled: false } });
      await e.runOnce();
      expect(alerts.filter((a) => a.kind === 'at_risk')).toHaveLength(0);
      // Seed on Monday 10:00 → deadline end of Thursday. On Wednesday 10:00 one business day is left.
      t += 2 * 86_400_000;
      await e.runOnce();
      const risk = alerts.filter((a) => a.kind === 'at_risk');
      expect(risk).toHaveLength(5);
      expect(risk[0]).toMatchObject({ businessDaysLeft: 1 });
      expect(risk[0]?.message.tr).toMatch(/iş günü kaldı/);
      const s = await e.status();
      expect(s.dueSoon).toBe(5);
      sim.setFaults(undefined);
    });

    it('stops cleanly and gives back claimed work', async () => {
      await seed(consents, now, 100);
      sim.setFaults({ rate: 1, kinds: ['503'], latencyMs: 300 });
      const e = engine({
        autoStart: true,
        stopGraceMs: 50,
        push: { lanes: 1, pollIntervalMs: 5, inDoubtGraceMs: 0 },
      });
      await new Promise((r) => setTimeout(r, 100));
      await e.stop();
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from iys_outbox where status = 'claimed'`,
      );
      expect(rows[0]!.n).toBe(0);
      sim.setFaults(undefined);
      const r = await engine().runOnce();
      expect(r.push.accepted).toBe(100);
    });
  });
}
