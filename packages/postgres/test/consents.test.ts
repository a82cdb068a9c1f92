import { randomBytes } from 'node:crypto';
import { type ConsentEvent, type ConsentKey, consentKey } from '@izinkit/consent';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsentRepository, type Database, migrate, type StorageKeys } from '../src/index.js';

const keys: StorageKeys = {
  lookupKey: randomBytes(32),
  encryptionKeys: { k1: randomBytes(32) },
  currentKeyId: 'k1',
};

function key(recipient: string, type: 'MESAJ' | 'ARAMA' | 'EPOSTA' = 'MESAJ'): ConsentKey {
  const r = consentKey({ brandCode: '600000', recipient, recipientType: 'BIREYSEL', type });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

// A fixed clock: 2026-03-16 10:00 Istanbul (a Monday).
const NOW = new Date('2026-03-16T07:00:00.000Z');
const at = (minutes: number): string => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const onay = (id: string, minutes = 0): ConsentEvent => ({
  type: 'DECISION_RECORDED',
  at: at(minutes),
  decisionId: id,
  status: 'ONAY',
  source: 'HS_WEB',
  consentDate: at(minutes - 1),
});
const ret = (id: string, minutes: number): ConsentEvent => ({
  type: 'DECISION_RECORDED',
  at: at(minutes),
  decisionId: id,
  status: 'RET',
  source: 'HS_WEB',
  consentDate: at(minutes - 1),
});

for (const fixture of databaseFixtures()) {
  describe(`ConsentRepository on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let repo: ConsentRepository;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      repo = new ConsentRepository({ db, keys, now: () => new Date(NOW.getTime() + 3_600_000) });
    });
    afterEach(async () => {
      await dispose();
    });

    const count = async (table: string, where = 'true'): Promise<number> =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`)).rows[0]!.n;

    it('commits a decision with its event, outbox row, effects and evidence together', async () => {
      const k = key('0532 123 45 67');
      const r = await repo.record(k, onay('d-1'), { evidence: { ip: '203.0.113.7', agreement: 'abc' } });
      expect(r.outcome.kind).toBe('applied');
      expect(r.effects.map((e) => e.type)).toEqual(['recordEvidence', 'submitToIys', 'notifyRecipient']);
      expect(r.evidenceIds).toHaveLength(1);
      expect(await count('consent_events')).toBe(1);
      expect(await count('iys_outbox', "status = 'pending'")).toBe(1);
      expect(await count('effect_outbox', "kind = 'notifyRecipient'")).toBe(1);
      expect(await count('evidence_entries')).toBe(1);
      const stored = await repo.get(k);
      expect(stored?.state.current?.status).toBe('ONAY');
      expect(stored?.state.key.recipient).toBe('+905321234567');
      const events = await repo.events(k);
      expect(events.map((e) => [e.n, e.event.type, e.outcome, e.evidenceId])).toEqual([
        [1, 'DECISION_RECORDED', 'applied', r.evidenceIds[0]],
      ]);
      const { rows } = await db.query<{ canonical: string }>('select canonical from evidence_entries');
      expect(JSON.parse(rows[0]!.canonical)).toEqual({ agreement: 'abc', ip: '203.0.113.7' });
    });

    it('never stores the recipient in clear', async () => {
      await repo.record(key('ayse.yilmaz@example.com', 'EPOSTA'), onay('d-1'));
      await repo.record(key('+90 532 123 45 67'), onay('d-2'));
      for (const table of ['consents', 'consent_events', 'iys_outbox', 'effect_outbox', 'evidence_entries']) {
        const { rows } = await db.query<{ t: string }>(`select t::text as t from ${table} t`);
        for (const r of rows) {
          expect(r.t).not.toContain('ayse.yilmaz@example.com');
          expect(r.t).not.toContain('5321234567');
        }
      }
    });

    it('logs a repeated status as ignored and a refused event not at all', async () => {
      const k = key('05321234567');
      const refused = await repo.record(k, ret('r-0', 0));
      expect(refused.outcome.kind).toBe('rejected');
      expect(await count('consent_events')).toBe(0);
      await repo.record(k, onay('d-1', 1));
      const again = await repo.record(k, onay('d-2', 2));
      expect(again.outcome.kind).toBe('ignored');
      expect((await repo.events(k)).map((e) => e.outcome)).toEqual(['applied', 'ignored']);
      expect(await count('iys_outbox')).toBe(1);
    });

    it('applies several events for one consent in order within one transaction', async () => {
      const k = key('05321234567');
      const results = await repo.recordMany([
        { key: k, event: onay('d-1', 1) },
        { key: k, event: ret('d-2', 5) },
      ]);
      expect(results.map((r) => r.outcome.kind)).toEqual(['applied', 'applied']);
      const stored = await repo.get(k);
      expect(stored?.state.current?.status).toBe('RET');
      expect(stored?.eventCount).toBe(2);
    });

    it('claims earliest deadline first, takes over expired leases, and settles results', async () => {
      const a = key('05321234567');
      const b = key('05329876543');
      // b is recorded first but a's consent is older (Friday): a's deadline (Wed) comes first.
      await repo.record(b, onay('b-1', 10));
      await repo.record(a, onay('a-1', -3 * 24 * 60));
      const claimed = await repo.claimIysChanges({
        worker: 'w1',
        limit: 10,
        now: new Date(NOW.getTime() + 3_600_000),
      });
      expect(claimed.map((c) => c.key.recipient)).toEqual(['+905321234567', '+905329876543']);
      expect(claimed[0]!.status).toBe('ONAY');
      // A second worker sees nothing while the lease holds, everything once it has run out.
      expect(
        await repo.claimIysChanges({ worker: 'w2', now: new Date(NOW.getTime() + 3_600_000) }),
      ).toHaveLength(0);
      const later = await repo.claimIysChanges({
        worker: 'w2',
        now: new Date(NOW.getTime() + 3_600_000 + 61_000),
      });
      expect(later).toHaveLength(2);
      expect(later[0]!.attempts).toBe(2);

      const [first, second] = later;
      await repo.markIysSubmitted(later, { requestId: 'req-1', at: new Date(NOW.getTime() + 3_000_000) });
      expect((await repo.get(a))?.state.outbox[0]?.phase).toBe('submitted');
      const settled = await repo.completeIysChanges([
        {
          outboxId: first!.outboxId,
          event: { type: 'IYS_ACCEPTED', at: at(55), changeId: first!.changeId, transactionId: 'tx-1' },
        },
        {
          outboxId: second!.outboxId,
          event: { type: 'IYS_SUBMISSION_FAILED', at: at(55), changeId: second!.changeId, reason: 'H192' },
          retryAt: new Date(NOW.getTime() + 7_200_000),
          error: 'timeout',
        },
      ]);
      expect(settled.map((r) => r.outcome.kind)).toEqual(['applied', 'applied']);
      expect((await repo.get(a))?.state.iys?.status).toBe('ONAY');
      expect(await count('iys_outbox', "status = 'done' and result = 'accepted'")).toBe(1);
      expect(await count('iys_outbox', "status = 'pending' and last_error = 'timeout'")).toBe(1);
      expect(
        await repo.claimIysChanges({ worker: 'w3', now: new Date(NOW.getTime() + 3_700_000) }),
      ).toHaveLength(0);
      expect(
        await repo.claimIysChanges({ worker: 'w3', now: new Date(NOW.getTime() + 7_300_000) }),
      ).toHaveLength(1);
    });

    it('keeps a change in doubt after sending until a result says it was not sent', async () => {
      const a = key('05321234567');
      await repo.record(a, onay('a-1'));
      const later = new Date(NOW.getTime() + 3_600_000);
      const [c] = await repo.claimIysChanges({ worker: 'w1', now: later });
      expect(c!.submittedAt).toBeNull();
      await repo.markIysSubmitted([c!], { at: later });
      await repo.completeIysChanges([
        {
          outboxId: c!.outboxId,
          event: { type: 'IYS_SUBMISSION_FAILED', at: at(61), changeId: c!.changeId },
          error: 'iys_timeout',
        },
      ]);
      const [again] = await repo.claimIysChanges({ worker: 'w2', now: later });
      expect(again!.submittedAt?.toISOString()).toBe(later.toISOString()); // outcome unknown: check first
      await repo.markIysSubmitted([again!], { at: later });
      await repo.completeIysChanges([
        {
          outboxId: again!.outboxId,
          event: { type: 'IYS_SUBMISSION_FAILED', at: at(62), changeId: again!.changeId },
          notSent: true,
        },
      ]);
      const [third] = await repo.claimIysChanges({ worker: 'w3', now: later });
      expect(third!.submittedAt).toBeNull(); // İYS refused the request before processing: send freely
      expect(third!.attempts).toBe(3);
    });

    it('claims and marks in one transaction: fresh changes to send, changes sent before to resume', async () => {
      const later = new Date(NOW.getTime() + 3_600_000);
      const [a, b, c] = [key('05321234567'), key('05321234568'), key('05321234569')];
      await repo.recordMany([
        { key: a, event: onay('a-1') },
        { key: b, event: onay('b-1') },
        { key: c, event: onay('c-1') },
      ]);
      // One of them was sent before and its outcome is unknown: resumed, not marked again.
      const [first] = await repo.claimIysChanges({ worker: 'w0', now: later, limit: 1, brandCode: '600000' });
      expect(first).toBeDefined();
      await repo.markIysSubmitted([first!], { at: later });
      await repo.releaseIysChanges([first!.outboxId]);
      // c is superseded by a RET before anything was sent: its first change must not leave.
      await repo.record(c, ret('c-2', 2));
      const open = await count('iys_outbox', "status = 'pending'");
      const claim = await repo.claimIysChangesToSend({ worker: 'w1', now: later, leaseMs: 60_000 });
      expect(claim.resume.map((x) => x.outboxId)).toEqual([first!.outboxId]);
      expect(claim.resume[0]!.submittedAt?.toISOString()).toBe(later.toISOString());
      // The fresh one of a and b is sent; c's first change is not (superseded before it left).
      const sent = claim.send.map((x) => x.changeId);
      expect(sent).toEqual([first!.changeId === 'a-1' ? 'b-1' : 'a-1']);
      for (const x of claim.send) {
        expect(x.submittedAt?.toISOString()).toBe(later.toISOString());
        expect(x.attempts).toBe(1);
        const stored = await repo.get(x.key);
        expect(stored!.state.outbox[0]!.phase).toBe('submitted');
      }
      const rows = await db.query<{
        id: number;
        status: string;
        submitted: boolean;
        claimed_by: string | null;
      }>('select id, status, submitted_at is not null as submitted, claimed_by from iys_outbox order by id');
      for (const r of rows.rows) {
        if (claim.send.some((x) => x.outboxId === r.id) || r.id === first!.outboxId) {
          expect(r).toMatchObject({ status: 'claimed', submitted: true, claimed_by: 'w1' });
        }
      }
      expect(claim.cancelled + claim.released + claim.send.length + claim.resume.length).toBe(open);
      // Nothing is claimable twice.
      expect(await repo.claimIysChangesToSend({ worker: 'w2', now: later })).toEqual({
        send: [],
        resume: [],
        cancelled: 0,
        released: 0,
      });
    });

    it('reads back its own states without re-parsing, and validates a state someone else wrote', async () => {
      const a = key('05321234567');
      await repo.record(a, onay('a-1'));
      const later = new Date(NOW.getTime() + 3_600_000);
      const { send } = await repo.claimIysChangesToSend({ worker: 'w1', now: later });
      const [done] = await repo.completeIysChanges([
        {
          outboxId: send[0]!.outboxId,
          event: { type: 'IYS_ACCEPTED', at: at(1), changeId: send[0]!.changeId, transactionId: 't-1' },
        },
      ]);
      expect(done!.outcome.kind).toBe('applied');
      expect(done!.state.iys?.status).toBe('ONAY');
      // The fast path gives the same state a full read gives.
      expect(done!.state).toEqual((await repo.get(a))!.state);
      expect(done!.state.key.recipient).toBe(a.recipient);
      // A row rewritten behind the repository's back is parsed and validated again.
      await db.query(`update consents set state = jsonb_set(state, '{seq}', '"not a number"')`);
      await expect(repo.record(a, ret('a-2', 2))).rejects.toThrow(/unreadable/);
    });

    it('completes from the states its claim wrote only while no one else wrote the consent', async () => {
      const [a, b, c] = [key('05321234567'), key('05321234568'), key('05321234569')];
      await repo.recordMany([
        { key: a, event: onay('a-1') },
        { key: b, event: onay('b-1') },
        { key: c, event: onay('c-1') },
      ]);
      const later = new Date(NOW.getTime() + 3_600_000);
      const { send } = await repo.claimIysChangesToSend({ worker: 'w1', now: later });
      expect(send).toHaveLength(3);
      const of = (k: ConsentKey) => send.find((x) => x.key.recipient === k.recipient)!;
      // Between the claim and its result: b gets a new decision through the repository, c's row is
      // rewritten behind its back (an unreadable state). a is untouched.
      await repo.record(b, ret('b-2', 60));
      await db.query(
        `update consents set state = jsonb_set(state, '{seq}', '"not a number"') where id = $1`,
        [of(c).consentId],
      );
      const accepted = (x: (typeof send)[number], t: string) => ({
        outboxId: x.outboxId,
        event: { type: 'IYS_ACCEPTED' as const, at: at(60), changeId: x.changeId, transactionId: t },
      });
      const [doneA, doneB] = await repo.completeIysChanges([accepted(of(a), 't-a'), accepted(of(b), 't-b')]);
      // a: the claim's state, settled — the same as a full read gives.
      expect(doneA!.state).toEqual((await repo.get(a))!.state);
      expect(doneA!.outcome.kind).toBe('applied');
      expect(doneA!.state.iys?.status).toBe('ONAY');
      // b: read again, so the RET recorded in between is kept (a stale copy would drop it).
      const storedB = (await repo.get(b))!.state;
      expect(doneB!.state).toEqual(storedB);
      expect(storedB.current?.status).toBe('RET');
      expect(storedB.outbox.map((x) => x.changeId)).toEqual(['b-2']);
      // c: read again and refused as unreadable, not completed from the claim's copy.
      await expect(repo.completeIysChanges([accepted(of(c), 't-c')])).rejects.toThrow(/unreadable/);
      expect(await count('iys_outbox', `id = ${of(c).outboxId} and status = 'claimed'`)).toBe(1);
    });

    it('creates a consent once when two transactions record its first decision together', async () => {
      const a = key('05321234567');
      const other = new ConsentRepository({ db, keys, now: () => new Date(NOW.getTime() + 3_600_000) });
      const [x, y] = await Promise.all([repo.record(a, onay('a-1')), other.record(a, onay('a-2', 1))]);
      expect(x.consentId).toBe(y.consentId);
      expect(await count('consents')).toBe(1);
      expect((await repo.events(a)).length).toBeGreaterThanOrEqual(1);
    });

    it('applies pulled changes with their transactions and cursor once, without echo', async () => {
      const a = key('05321234567');
      await repo.record(a, onay('a-1'));
      const pulled = {
        key: a,
        transactionId: 'iys-tx-1',
        status: 'RET' as const,
        source: 'IYS_MOBIL',
        consentDate: at(30),
        creationDate: at(30),
      };
      const r = await repo.applyIysPulls('600000', [pulled], { cursor: 'c-1' });
      expect(r).toEqual({ applied: 1, ignored: 0, duplicates: 0, rejected: [] });
      expect((await repo.get(a))?.state.current?.status).toBe('RET');
      expect(await count('iys_transactions', "party = 'IYS' and transaction_id = 'iys-tx-1'")).toBe(1);
      expect(await count('sync_cursors', "cursor = 'c-1' and source = 'IYS'")).toBe(1);
      // Our own ONAY is older than the citizen's RET: it is withdrawn, and nothing goes back to İYS.
      expect(await count('iys_outbox', "status = 'pending'")).toBe(0);
      const again = await repo.applyIysPulls('600000', [pulled], { cursor: 'c-2' });
      expect(again).toEqual({ applied: 0, ignored: 0, duplicates: 1, rejected: [] });
      expect(await count('consent_events')).toBe(2);
      expect(await count('sync_cursors', "cursor = 'c-2'")).toBe(1);
    });

    it('ticks overdue consents once and reports the outbox by deadline', async () => {
      const a = key('05321234567');
      const b = key('05329876543');
      await repo.record(a, onay('a-1'));
      await repo.record(b, onay('b-1', 60));
      const late = new Date(NOW.getTime() + 10 * 86_400_000);
      const dueSoon = await repo.iysChangesDueBefore({ dueBefore: late });
      expect(dueSoon.map((d) => d.changeId)).toEqual(['a-1', 'b-1']);
      expect(dueSoon[0]).toMatchObject({
        brandCode: '600000',
        channel: 'MESAJ',
        status: 'ONAY',
        queueStatus: 'pending',
      });
      expect(await repo.tickOverdueConsents({ now: late })).toBe(2);
      expect(await repo.tickOverdueConsents({ now: late })).toBe(0); // once
      expect(await count('effect_outbox', "kind = 'raiseOverdue'")).toBe(2);
      const s = await repo.iysOutboxStatus({ dueBefore: late, now: late });
      expect(s).toMatchObject({ pending: 2, inFlight: 0, overdue: 2, dueSoon: 0, inDoubt: 0, refused: [] });
      const [c] = await repo.claimIysChanges({ worker: 'w', now: late, limit: 1 });
      await repo.markIysSubmitted([c!], { at: late });
      await repo.completeIysChanges([
        {
          outboxId: c!.outboxId,
          event: { type: 'IYS_REFUSED', at: late.toISOString(), changeId: c!.changeId, code: 'H178' },
        },
      ]);
      const after = await repo.iysOutboxStatus({ dueBefore: late, now: late });
      expect(after).toMatchObject({
        pending: 1,
        overdue: 1,
        results: { refused: 1 },
        refused: [{ code: 'H178', count: 1 }],
      });
    });

    it('finds every channel of one person by a recipient in any format', async () => {
      await repo.record(key('05321234567', 'MESAJ'), onay('m-1'));
      await repo.record(key('05321234567', 'ARAMA'), onay('a-1'));
      await repo.record(key('05329999999', 'MESAJ'), onay('x-1'));
      const found = await repo.findByRecipient('600000', '+90 (532) 123-4567');
      expect(found.map((c) => c.state.key.type).sort()).toEqual(['ARAMA', 'MESAJ']);
    });

    it('writes nothing when any statement of the transaction fails', async () => {
      await db.exec(`create function izinkit_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$;
        create trigger fail_effects before insert on effect_outbox for each row execute function izinkit_fail();`);
      await expect(repo.record(key('05321234567'), onay('d-1'))).rejects.toThrow(/boom/);
      for (const t of ['consent_events', 'iys_outbox', 'evidence_entries', 'effect_outbox'])
        expect(await count(t)).toBe(0);
      expect(await count('consents')).toBe(0);
    });

    it('refuses a key that was not normalised', async () => {
      const raw = {
        brandCode: '600000',
        recipient: '0532 123 45 67',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      } as const;
      await expect(repo.record(raw, onay('d-1'))).rejects.toMatchObject({ code: 'invalid_option' });
    });
  });
}
