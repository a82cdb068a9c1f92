import { describe, expect, it } from 'vitest';
import { initialState, maySend, transition } from '../src/index.js';
import { decision, EMAIL_KEY, outcomeCode, PHONE_KEY, run, t } from './helpers.js';

describe('İYS rules inside the machine', () => {
  it('records a first ONAY: evidence, an İYS change with its 3-iş-günü deadline, the same-day confirmation', () => {
    const { last, state } = run([decision(t(0), 'd1', 'ONAY')]);
    expect(outcomeCode(last)).toBe('applied');
    expect(last.effects.map((e) => e.type)).toEqual(['recordEvidence', 'submitToIys', 'notifyRecipient']);
    const submit = last.effects.find((e) => e.type === 'submitToIys');
    // Received Monday 2026-03-02: the day of receipt does not count → end of Thursday 2026-03-05.
    expect(submit).toMatchObject({ changeId: 'd1', status: 'ONAY', deadlineAt: '2026-03-05T20:59:59.999Z' });
    expect(last.effects.find((e) => e.type === 'notifyRecipient')).toMatchObject({
      dueBy: '2026-03-02T20:59:59.999Z',
    });
    expect(state.current).toMatchObject({
      status: 'ONAY',
      origin: 'local',
      registerBy: '2026-03-05T20:59:59.999Z',
    });
    expect(state.outbox).toHaveLength(1);
  });

  it('refuses a first record of RET (H175)', () => {
    const r = transition(initialState(PHONE_KEY), decision(t(0), 'd1', 'RET'));
    expect(outcomeCode(r)).toBe('first_record_ret');
    expect(r.outcome.kind).toBe('rejected');
    expect(r.effects).toEqual([]);
  });

  it('treats the same status twice as a no-op, not a new change (H174)', () => {
    const { last, state } = run([decision(t(0), 'd1', 'ONAY'), decision(t(5), 'd2', 'ONAY')]);
    expect(outcomeCode(last)).toBe('same_status');
    expect(last.outcome.kind).toBe('ignored');
    expect(state.current?.id).toBe('d1');
  });

  it('never lets an older-dated decision override a newer one (H178), not even a same-second one', () => {
    const older = run([decision(t(10), 'd1', 'ONAY'), decision(t(20), 'd2', 'RET', { consentDate: t(5) })]);
    expect(outcomeCode(older.last)).toBe('older_than_current');
    const sameSecond = run([
      decision(t(10), 'd1', 'ONAY', { consentDate: '2026-03-02T07:10:00.100Z' }),
      decision(t(20), 'd2', 'RET', { consentDate: '2026-03-02T07:10:00.900Z' }),
    ]);
    // İYS keeps consent dates to the second: 07:10:00.900 is not later than 07:10:00.100 there.
    expect(outcomeCode(sameSecond.last)).toBe('older_than_current');
  });

  it('refuses future consent dates (H162) and dates before 2015-05-01 (H155/H156)', () => {
    const s = initialState(PHONE_KEY);
    expect(outcomeCode(transition(s, decision(t(0), 'd1', 'ONAY', { consentDate: t(1) })))).toBe(
      'consent_date_in_future',
    );
    expect(
      outcomeCode(transition(s, decision(t(0), 'd1', 'ONAY', { consentDate: '2015-04-30T20:59:59.000Z' }))),
    ).toBe('consent_date_before_2015');
  });

  it('accepts HS_2015 only with 2015-05-01 00:00:00 Türkiye time', () => {
    const s = initialState(PHONE_KEY);
    const ok = transition(
      s,
      decision(t(0), 'd1', 'ONAY', { source: 'HS_2015', consentDate: '2015-04-30T21:00:00.000Z' }),
    );
    expect(outcomeCode(ok)).toBe('applied');
    // Its registration deadline passed long ago: the change is raised as overdue at once.
    expect(ok.effects.map((e) => e.type)).toEqual(['recordEvidence', 'submitToIys', 'raiseOverdue']);
    const bad = transition(
      s,
      decision(t(0), 'd1', 'ONAY', { source: 'HS_2015', consentDate: '2015-05-02T21:00:00.000Z' }),
    );
    expect(outcomeCode(bad)).toBe('hs2015_date_mismatch');
  });

  it('accepts HS_KARAR only as RET (H408), and never as a first record', () => {
    const s = initialState(PHONE_KEY);
    expect(outcomeCode(transition(s, decision(t(0), 'd1', 'ONAY', { source: 'HS_KARAR' })))).toBe(
      'karar_requires_ret',
    );
    expect(outcomeCode(transition(s, decision(t(0), 'd1', 'RET', { source: 'HS_KARAR' })))).toBe(
      'first_record_ret',
    );
    const { last } = run([decision(t(0), 'd1', 'ONAY'), decision(t(1), 'd2', 'RET', { source: 'HS_KARAR' })]);
    expect(outcomeCode(last)).toBe('applied');
  });

  it('refuses IYS_* sources from anyone but İYS, and values İYS does not know', () => {
    const s = initialState(PHONE_KEY);
    const asAny = (e: object) => e as never;
    expect(outcomeCode(transition(s, asAny({ ...decision(t(0), 'd1', 'ONAY'), source: 'IYS_WEB' })))).toBe(
      'iys_source_not_allowed',
    );
    expect(outcomeCode(transition(s, asAny({ ...decision(t(0), 'd1', 'ONAY'), source: 'HS_TELGRAF' })))).toBe(
      'invalid_source',
    );
    expect(outcomeCode(transition(s, asAny({ ...decision(t(0), 'd1', 'ONAY'), status: 'RED' })))).toBe(
      'invalid_status',
    );
    expect(
      outcomeCode(transition(s, asAny({ ...decision(t(0), 'd1', 'ONAY'), at: '2026-03-02 10:00:00' }))),
    ).toBe('invalid_event');
    expect(outcomeCode(transition(s, asAny({ type: 'NOPE', at: t(0) })))).toBe('invalid_event');
    expect(outcomeCode(transition(s, null as never))).toBe('invalid_event');
  });

  it('refuses events stamped after the caller’s clock', () => {
    const r = transition(initialState(PHONE_KEY), decision(t(10), 'd1', 'ONAY'), { now: new Date(t(5)) });
    expect(outcomeCode(r)).toBe('event_in_future');
    // The clock changes between calls (and the same Date object may be moved): each call reads it anew.
    const clock = new Date(t(5));
    const at = (now: Date) =>
      outcomeCode(transition(initialState(PHONE_KEY), decision(t(10), 'd1', 'ONAY'), { now }));
    expect(at(clock)).toBe('event_in_future');
    clock.setTime(Date.parse(t(10)));
    expect(at(clock)).toBe('applied');
    expect(at(new Date(Date.parse(t(10)) - 1))).toBe('event_in_future');
    expect(at(new Date(t(10)))).toBe('applied');
    expect(at(new Date(Number.NaN))).toBe('event_in_future');
  });

  it('keeps a TACIR record beside a BIREYSEL one for the same address: two independent keys', () => {
    const bireysel = run([decision(t(0), 'd1', 'ONAY')], initialState(EMAIL_KEY)).state;
    const tacir = run(
      [decision(t(0), 'd1', 'ONAY'), decision(t(1), 'd2', 'RET')],
      initialState({ ...EMAIL_KEY, recipientType: 'TACIR' }),
    ).state;
    expect(bireysel.current?.status).toBe('ONAY');
    expect(tacir.current?.status).toBe('RET');
    expect(tacir.key.recipient).toBe(bireysel.key.recipient);
  });

  it('counts the registration deadline in business days through holidays (Ramazan Bayramı 2026)', () => {
    // RET received Wednesday 2026-03-18 10:00; arife Thursday counts, Fri–Sun bayram/weekend:
    // end of Tuesday 2026-03-24 — or Wednesday 2026-03-25 when half days are holidays.
    const at = '2026-03-18T07:00:00.000Z';
    const onay = decision('2026-03-10T07:00:00.000Z', 'd1', 'ONAY');
    const ret = decision(at, 'd2', 'RET');
    const normal = run([
      onay,
      { type: 'IYS_ACCEPTED', at: '2026-03-10T08:00:00.000Z', changeId: 'd1', transactionId: 'tx' },
      ret,
    ]);
    expect(normal.state.outbox[0]?.deadlineAt).toBe('2026-03-24T20:59:59.999Z');
    expect(normal.state.stop?.deadlineAt).toBe('2026-03-24T20:59:59.999Z');
    const strict = run(
      [
        onay,
        { type: 'IYS_ACCEPTED', at: '2026-03-10T08:00:00.000Z', changeId: 'd1', transactionId: 'tx' },
        ret,
      ],
      initialState(PHONE_KEY),
      { calendar: { halfDays: 'holiday' } },
    );
    expect(strict.state.outbox[0]?.deadlineAt).toBe('2026-03-25T20:59:59.999Z');
  });

  it('refuses an event whose deadline the calendar cannot compute, instead of guessing', () => {
    const r = transition(initialState(PHONE_KEY), decision('2036-01-05T07:00:00.000Z', 'd1', 'ONAY'));
    expect(outcomeCode(r)).toBe('calendar_not_covered');
  });

  it('after a RET, maySend says no at once and reports the ETK art. 8(3) stop deadline', () => {
    const { state } = run([
      decision(t(0), 'd1', 'ONAY'),
      { type: 'IYS_ACCEPTED', at: t(30), changeId: 'd1', transactionId: 'tx1' },
      decision('2026-03-13T13:00:00.000Z', 'd2', 'RET'), // Friday 16:00 in Türkiye
    ]);
    const during = maySend(state, new Date('2026-03-16T09:00:00+03:00'));
    expect(during).toMatchObject({ allowed: false, reason: 'ret', withinStopWindow: true });
    expect(during.stopDeadlineAt).toBe('2026-03-18T20:59:59.999Z'); // end of Wednesday 2026-03-18
    expect(maySend(state, new Date('2026-03-19T09:00:00+03:00')).withinStopWindow).toBe(false);
  });
});
