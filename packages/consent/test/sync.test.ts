import { describe, expect, it } from 'vitest';
import { type ConsentEvent, changesToSend, maySend } from '../src/index.js';
import { days, decision, outcomeCode, run, t } from './helpers.js';

const submitted = (at: string, changeId: string): ConsentEvent => ({ type: 'IYS_SUBMITTED', at, changeId });
const accepted = (at: string, changeId: string, tx = `tx-${changeId}`): ConsentEvent => ({
  type: 'IYS_ACCEPTED',
  at,
  changeId,
  transactionId: tx,
});
const refused = (at: string, changeId: string, code: string): ConsentEvent => ({
  type: 'IYS_REFUSED',
  at,
  changeId,
  code,
});
const failed = (at: string, changeId: string): ConsentEvent => ({
  type: 'IYS_SUBMISSION_FAILED',
  at,
  changeId,
});
const pulled = (
  at: string,
  status: 'ONAY' | 'RET',
  consentDate: string,
  tx: string,
  source = 'IYS_MOBIL',
): ConsentEvent =>
  ({ type: 'IYS_PULLED', at, status, source, consentDate, transactionId: tx }) as ConsentEvent;

describe('the İYS sync lifecycle of a change', () => {
  it('pending → submitted → accepted with its transactionId; then maySend allows', () => {
    const { state, results } = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      accepted(t(2), 'd1', 'e98'),
    ]);
    expect(results.map(outcomeCode)).toEqual(['applied', 'applied', 'applied']);
    expect(state.outbox).toEqual([]);
    expect(state.history[0]).toMatchObject({
      changeId: 'd1',
      phase: 'accepted',
      transactionId: 'e98',
      attempts: 1,
    });
    expect(state.iys).toMatchObject({ status: 'ONAY', transactionId: 'e98', via: 'accepted' });
    expect(maySend(state, new Date(t(3)))).toMatchObject({ allowed: true, reason: 'registered_in_iys' });
  });

  it('before İYS holds the ONAY, maySend says awaiting_iys; after the deadline, registration_overdue', () => {
    const { state } = run([decision(t(0), 'd1', 'ONAY')]);
    expect(maySend(state, new Date(t(60)))).toMatchObject({ allowed: false, reason: 'awaiting_iys' });
    expect(maySend(state, new Date(t(days(5))))).toMatchObject({
      allowed: false,
      reason: 'registration_overdue',
      registerBy: '2026-03-05T20:59:59.999Z',
    });
  });

  it('H174 after a lost reply means "already there": accepted, never resent', () => {
    const { state, last } = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      failed(t(2), 'd1'), // the reply was lost; İYS may or may not have it
      submitted(t(3), 'd1'),
      refused(t(4), 'd1', 'H174'),
    ]);
    expect(last.effects).toEqual([]);
    expect(state.outbox).toEqual([]);
    expect(state.history[0]).toMatchObject({ phase: 'accepted', iysCode: 'H174', attempts: 2 });
    expect(state.iys).toMatchObject({ status: 'ONAY', via: 'already_registered' });
    expect(changesToSend(state)).toEqual([]);
  });

  it('a failed submission stays first in line and is resent (the same change id)', () => {
    const { state } = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), failed(t(2), 'd1')]);
    expect(changesToSend(state).map((c) => c.changeId)).toEqual(['d1']);
    expect(state.outbox[0]).toMatchObject({ phase: 'pending', attempts: 1 });
  });

  it('H178 and other codes refuse a change for good; H178 makes what İYS holds unknown', () => {
    const { state } = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), refused(t(2), 'd1', 'H178')]);
    expect(state.history[0]).toMatchObject({ phase: 'refused', iysCode: 'H178' });
    expect(state.iys).toMatchObject({ status: null, via: 'refused_newer' });
    expect(state.current?.iysRefusal).toBe('H178');
    expect(changesToSend(state)).toEqual([]);
    expect(maySend(state, new Date(t(3))).reason).toBe('iys_refused');
  });

  it('one change in flight at a time: the next decision queues behind it and goes when it resolves', () => {
    const a = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), decision(t(2), 'd2', 'RET')]);
    expect(a.last.effects.map((e) => e.type)).toEqual(['recordEvidence']); // no submitToIys yet
    expect(a.state.outbox.map((c) => [c.changeId, c.phase])).toEqual([
      ['d1', 'submitted'],
      ['d2', 'queued'],
    ]);
    expect(changesToSend(a.state)).toEqual([]);
    // the sync must not send the queued change
    expect(outcomeCode(run([submitted(t(3), 'd2')], a.state).last)).toBe('change_not_sendable');
    const b = run([accepted(t(4), 'd1')], a.state);
    expect(b.last.effects.map((e) => e.type)).toEqual(['submitToIys']);
    expect(changesToSend(b.state).map((c) => [c.changeId, c.status])).toEqual([['d2', 'RET']]);
  });

  it('a RET behind an ONAY that İYS then refuses is dropped: İYS holds nothing to withdraw (H175)', () => {
    const { state } = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      decision(t(2), 'd2', 'RET'),
      refused(t(3), 'd1', 'H120'),
    ]);
    expect(state.outbox).toEqual([]);
    expect(state.history.map((c) => [c.changeId, c.phase, c.note])).toEqual([
      ['d2', 'superseded', 'nothing_to_withdraw'],
      ['d1', 'refused', null],
    ]);
  });

  it('a pending change a newer decision replaces is cancelled, and İYS never sees it', () => {
    const { last, state } = run([decision(t(0), 'd1', 'ONAY'), decision(t(1), 'd2', 'RET')]);
    // ONAY then RET before anything was sent: İYS holds nothing, and a RET cannot be a first record.
    expect(last.effects.map((e) => e.type)).toEqual(['recordEvidence', 'cancelIysSubmission']);
    expect(state.outbox).toEqual([]);
    expect(maySend(state, new Date(t(2))).reason).toBe('ret');
  });

  it('changes pulled from İYS win when newer, lose when older, and are never echoed back', () => {
    const base = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), accepted(t(2), 'd1')]).state;
    const newer = run([pulled(t(days(1)), 'RET', t(days(1) - 60), 'c1')], base);
    expect(newer.last.effects.map((e) => e.type)).toEqual(['recordEvidence']);
    expect(newer.state.current).toMatchObject({ status: 'RET', origin: 'iys', source: 'IYS_MOBIL' });
    expect(maySend(newer.state, new Date(t(days(1))))).toMatchObject({ allowed: false, reason: 'ret' });
    const older = run([pulled(t(days(1)), 'RET', t(-60), 'c0')], base);
    expect(outcomeCode(older.last)).toBe('stale_pull');
    const again = run([pulled(t(days(1) + 5), 'RET', t(days(1) - 60), 'c1')], newer.state);
    expect(outcomeCode(again.last)).toBe('duplicate_pull');
  });

  it('reordered pulls converge to the same state', () => {
    const base = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), accepted(t(2), 'd1')]).state;
    const p1 = pulled(t(days(2)), 'RET', t(days(1)), 'c1');
    const p2 = pulled(t(days(2)), 'ONAY', t(days(1) + 30), 'c2');
    const a = run([p1, p2], base).state;
    const b = run([p2, p1], base).state;
    expect(a.current).toMatchObject({ status: 'ONAY', consentDate: t(days(1) + 30) });
    expect(b.current).toEqual({ ...a.current, recordedAt: b.current?.recordedAt });
    expect(b.iys).toEqual(a.iys);
  });

  it('a pull that echoes our own change confirms it (its reply was lost)', () => {
    const { state } = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      pulled(t(90), 'ONAY', t(0), 'e98', 'HS_WEB'),
    ]);
    expect(state.outbox).toEqual([]);
    expect(state.history[0]).toMatchObject({
      phase: 'accepted',
      transactionId: 'e98',
      note: 'confirmed_by_pull',
    });
  });

  it('a citizen change older than our pending decision leaves it to be sent; an equal status makes it redundant', () => {
    const base = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      accepted(t(2), 'd1'),
      decision(t(100), 'd2', 'RET'),
    ]).state;
    expect(changesToSend(base).map((c) => c.changeId)).toEqual(['d2']);
    const citizenRet = run([pulled(t(200), 'RET', t(50), 'c1')], base);
    // İYS already holds RET (from the citizen): our RET would be H174 — dropped.
    expect(citizenRet.state.outbox).toEqual([]);
    expect(citizenRet.last.effects.map((e) => e.type)).toEqual(['cancelIysSubmission']);
    expect(citizenRet.state.current?.id).toBe('d2'); // ours is still the latest decision
  });

  it('when İYS moves away from our latest decision, the decision is sent again under a new change id', () => {
    const base = run([
      decision(t(0), 'd1', 'ONAY'),
      submitted(t(1), 'd1'),
      accepted(t(2), 'd1'),
      decision(t(100), 'd2', 'RET'),
      pulled(t(200), 'RET', t(50), 'c1'), // redundant now
    ]).state;
    // A later pull shows the citizen turned ONAY again before our RET (older than ours): resend our RET.
    const { state, last } = run([pulled(t(300), 'ONAY', t(60), 'c2')], base);
    expect(last.effects.map((e) => e.type)).toEqual(['submitToIys']);
    expect(changesToSend(state).map((c) => c.changeId)).toEqual(['d2#1']);
  });

  it('TICK raises each overdue change once, and a deadline only ever as data', () => {
    const { results, state } = run([
      decision(t(0), 'd1', 'ONAY'),
      { type: 'TICK', at: t(days(1)) },
      { type: 'TICK', at: t(days(4)) },
      { type: 'TICK', at: t(days(5)) },
    ]);
    expect(results.map(outcomeCode)).toEqual(['applied', 'nothing_due', 'applied', 'nothing_due']);
    expect(results[2]?.effects).toEqual([
      expect.objectContaining({
        type: 'raiseOverdue',
        changeId: 'd1',
        deadlineAt: '2026-03-05T20:59:59.999Z',
      }),
    ]);
    expect(state.outbox[0]?.overdueAt).toBe(t(days(4)));
  });

  it('results for unknown changes are refused; late results for finished ones are ignored', () => {
    const { state } = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), accepted(t(2), 'd1')]);
    expect(outcomeCode(run([accepted(t(3), 'nope')], state).last)).toBe('unknown_change');
    expect(outcomeCode(run([accepted(t(3), 'd1')], state).last)).toBe('late_result');
    expect(outcomeCode(run([refused(t(3), 'd1', 'H178')], state).last)).toBe('late_result');
    expect(outcomeCode(run([submitted(t(3), 'd1')], state).last)).toBe('change_not_sendable');
    expect(outcomeCode(run([submitted(t(3), 'nope')], state).last)).toBe('unknown_change');
  });

  it('a duplicated submit is a no-op; a failure for a change not in flight too', () => {
    const a = run([decision(t(0), 'd1', 'ONAY'), submitted(t(1), 'd1'), submitted(t(2), 'd1')]);
    expect(outcomeCode(a.last)).toBe('already_submitted');
    const b = run([decision(t(0), 'd1', 'ONAY'), failed(t(1), 'd1')]);
    expect(outcomeCode(b.last)).toBe('not_submitted');
  });
});
