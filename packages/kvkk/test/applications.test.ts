import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ApplicationEvent,
  type ApplicationState,
  ApplicationStateSchema,
  applicationClock,
  applyApplicationEvent,
  REQUEST_KIND_INFO,
  REQUEST_KINDS,
  receiveApplication,
  replayApplication,
} from '../src/index.js';

const receive = (extra: Partial<Parameters<typeof receiveApplication>[0]> = {}): ApplicationState => {
  const r = receiveApplication({
    id: 'B-2026-0001',
    kinds: ['erasure', 'learn_if_processed'],
    channel: 'kep',
    receivedAt: '2026-01-05T09:00:00+03:00',
    ...extra,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

const apply = (s: ApplicationState, ...events: ApplicationEvent[]): ApplicationState => {
  const r = replayApplication(s, events);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.index}`);
  return r.value;
};

describe('receiveApplication', () => {
  it('starts in received with the 30-day deadline (end of day 30, Istanbul)', () => {
    const s = receive();
    expect(s.status).toBe('received');
    expect(s.receivedAt).toBe('2026-01-05T06:00:00.000Z');
    expect(s.deadlineAt).toBe('2026-02-04T20:59:59.999Z');
    expect(ApplicationStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('rolls a deadline on a weekend forward only when asked', () => {
    // 30 days after 2026-01-04 is Tuesday 2026-02-03; pick a receipt whose day 30 is a Saturday.
    const plain = receive({ receivedAt: '2026-01-08T09:00:00+03:00' });
    expect(plain.deadlineAt).toBe('2026-02-07T20:59:59.999Z');
    const rolled = receive({ receivedAt: '2026-01-08T09:00:00+03:00', rollForward: true });
    expect(rolled.deadlineAt).toBe('2026-02-09T20:59:59.999Z');
  });

  it('refuses invalid input with the problems', () => {
    const r = receiveApplication({ id: '', kinds: [], channel: 'fax' as never, receivedAt: 'yesterday' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.issues?.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('names the article of every right', () => {
    expect(REQUEST_KINDS.map((k) => REQUEST_KIND_INFO[k].article.slice(-3))).toEqual([
      '(a)',
      '(b)',
      '(c)',
      '(ç)',
      '(d)',
      '(e)',
      '(f)',
      '(g)',
      '(ğ)',
    ]);
  });
});

describe('applyApplicationEvent', () => {
  it('walks received → identity_verified → in_progress → answered', () => {
    const s = apply(
      receive(),
      { type: 'verify_identity', at: '2026-01-05T10:00:00+03:00', method: 'KEP' },
      { type: 'start_processing', at: new Date('2026-01-06T09:00:00+03:00') },
      { type: 'note', at: '2026-01-07T09:00:00+03:00', text: 'Veriler toplandı' },
      { type: 'answer', at: '2026-01-20T15:00:00+03:00', decision: 'accepted', summary: 'Silindi.' },
    );
    expect(s.status).toBe('answered');
    expect(s.identity).toEqual({ at: '2026-01-05T07:00:00.000Z', method: 'KEP' });
    expect(s.closedAt).toBe('2026-01-20T12:00:00.000Z');
    expect(s.outcome).toEqual({ type: 'answered', decision: 'accepted', summary: 'Silindi.' });
    expect(s.history.map((h) => [h.event, h.to])).toEqual([
      ['received', 'received'],
      ['verify_identity', 'identity_verified'],
      ['start_processing', 'in_progress'],
      ['note', 'in_progress'],
      ['answer', 'answered'],
    ]);
    expect(applicationClock(s, new Date('2030-01-01'))).toMatchObject({ overdue: false, closedInTime: true });
    expect(ApplicationStateSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('refuses what the machine does not allow, with codes', () => {
    const s = receive();
    const code = (st: ApplicationState, e: ApplicationEvent) => {
      const r = applyApplicationEvent(st, e);
      return r.ok ? r.value.status : r.error.code;
    };
    const at = '2026-01-06T10:00:00+03:00';
    expect(code(s, { type: 'answer', at, decision: 'accepted', summary: 'x' })).toBe('invalid_transition');
    expect(code(s, { type: 'start_processing', at })).toBe('invalid_transition');
    expect(code(s, { type: 'pause', at, reason: 'kimlik eksik' })).toBe('pauses_not_allowed');
    expect(code(s, { type: 'resume', at })).toBe('not_paused');
    expect(code(s, { type: 'verify_identity', at: '2026-01-01T00:00:00Z', method: 'x' })).toBe(
      'time_went_backwards',
    );
    expect(code(s, { type: 'verify_identity', at } as never)).toBe('invalid_event');
    expect(code(s, { type: 'reject', at, reason: 'identity_not_verified' })).toBe('rejected');
    const closed = apply(s, { type: 'reject', at, reason: 'unfounded', detail: 'x' });
    expect(code(closed, { type: 'note', at, text: 'x' })).toBe('application_closed');
    const inProgress = apply(
      s,
      { type: 'verify_identity', at, method: 'x' },
      { type: 'start_processing', at },
    );
    expect(code(inProgress, { type: 'forward', at, recipients: ['Kargo A.Ş.'], summary: 'iletildi' })).toBe(
      'forwarded',
    );
  });

  it('adds paused time to the deadline and allows only resume, reject or note while paused', () => {
    const s0 = receive({ pausesAllowed: true });
    const paused = apply(s0, {
      type: 'pause',
      at: '2026-01-06T09:00:00+03:00',
      reason: 'Kimlik belgesi eksik',
    });
    expect(applicationClock(paused, new Date('2026-03-01T00:00:00Z'))).toMatchObject({
      paused: true,
      overdue: false,
    });
    expect(
      applyApplicationEvent(paused, {
        type: 'verify_identity',
        at: '2026-01-07T09:00:00+03:00',
        method: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'application_paused' },
    });
    expect(
      applyApplicationEvent(paused, { type: 'pause', at: '2026-01-07T09:00:00+03:00', reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'already_paused' },
    });
    const resumed = apply(paused, { type: 'resume', at: '2026-01-09T09:00:00+03:00' });
    expect(resumed.pausedMs).toBe(3 * 86_400_000);
    // Received 5 January + 3 days paused: as if received on 8 January → end of 7 February.
    expect(resumed.deadlineAt).toBe('2026-02-07T20:59:59.999Z');
    const rejected = apply(paused, {
      type: 'reject',
      at: '2026-01-10T09:00:00+03:00',
      reason: 'incomplete_application',
    });
    expect(rejected).toMatchObject({ status: 'rejected', pause: null, pausedMs: 4 * 86_400_000 });
  });

  it('says when an open application is overdue', () => {
    const s = receive();
    expect(applicationClock(s, new Date('2026-02-04T20:59:59.999Z'))).toMatchObject({
      overdue: false,
      remainingMs: 0,
    });
    expect(applicationClock(s, new Date('2026-02-04T21:00:00.000Z'))).toMatchObject({
      overdue: true,
      remainingMs: -1,
    });
    const late = apply(
      s,
      { type: 'verify_identity', at: '2026-01-05T10:00:00+03:00', method: 'x' },
      { type: 'start_processing', at: '2026-01-05T11:00:00+03:00' },
      {
        type: 'answer',
        at: '2026-02-10T10:00:00+03:00',
        decision: 'partially_accepted',
        summary: 'x',
        fee: { amountTry: 0, reason: 'x' },
      },
    );
    expect(applicationClock(late, new Date())).toMatchObject({ closedInTime: false, overdue: false });
  });

  it('never throws, keeps the state valid and moves only along allowed edges (random event sequences)', () => {
    const allowed = new Set([
      'received>identity_verified',
      'received>rejected',
      'identity_verified>in_progress',
      'identity_verified>rejected',
      'in_progress>answered',
      'in_progress>rejected',
      'in_progress>forwarded',
    ]);
    const event = fc.oneof(
      fc.record({ type: fc.constant('verify_identity' as const), method: fc.constant('e-imza') }),
      fc.record({ type: fc.constant('start_processing' as const) }),
      fc.record({ type: fc.constant('pause' as const), reason: fc.constant('eksik') }),
      fc.record({ type: fc.constant('resume' as const) }),
      fc.record({
        type: fc.constant('answer' as const),
        decision: fc.constant('accepted' as const),
        summary: fc.constant('ok'),
      }),
      fc.record({ type: fc.constant('reject' as const), reason: fc.constant('other' as const) }),
      fc.record({
        type: fc.constant('forward' as const),
        recipients: fc.constant(['X']),
        summary: fc.constant('ok'),
      }),
      fc.record({ type: fc.constant('note' as const), text: fc.constant('n') }),
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(event, fc.integer({ min: -3_600_000, max: 5 * 86_400_000 })), { maxLength: 12 }),
        (pauses, steps) => {
          let s = receive({ pausesAllowed: pauses });
          let t = Date.parse(s.receivedAt);
          for (const [e, dt] of steps) {
            t += dt;
            const r = applyApplicationEvent(s, { ...e, at: new Date(t) } as ApplicationEvent);
            if (!r.ok) continue;
            if (r.value.status !== s.status) expect(allowed.has(`${s.status}>${r.value.status}`)).toBe(true);
            expect(Date.parse(r.value.deadlineAt)).toBeGreaterThanOrEqual(Date.parse(s.deadlineAt));
            s = r.value;
            expect(ApplicationStateSchema.safeParse(s).success).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
