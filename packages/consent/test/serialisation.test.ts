import { describe, expect, it } from 'vitest';
import { benchKey, lifecycleLog } from '../bench/workload.js';
import {
  ConsentEffectSchema,
  ConsentEventSchema,
  ConsentMachineError,
  consentError,
  initialState,
  isIzinkitError,
  MACHINE_VERSION,
  migrate,
  parseEvent,
  replay,
  toInstant,
  transition,
} from '../src/index.js';
import { runMigrations } from '../src/internal/migrations.js';
import { decision, PHONE_KEY, run, t } from './helpers.js';

describe('events and effects at the boundary', () => {
  it('parses events from any ISO offset into canonical instants, and refuses unknown fields', () => {
    const r = parseEvent({ type: 'TICK', at: '2026-03-13T16:00:00+03:00' });
    expect(r).toEqual({ ok: true, value: { type: 'TICK', at: '2026-03-13T13:00:00.000Z' } });
    const extra = parseEvent({ type: 'TICK', at: '2026-03-13T16:00:00+03:00', hacker: true });
    expect(extra.ok).toBe(false);
    const badDate = parseEvent({ ...decision(t(0), 'd1', 'ONAY'), consentDate: '13.03.2026' });
    expect(badDate.ok ? null : [badDate.error.code, badDate.error.path]).toEqual([
      'invalid_event',
      ['consentDate'],
    ]);
    const iysSource = parseEvent({ ...decision(t(0), 'd1', 'ONAY'), source: 'IYS_WEB' });
    expect(iysSource.ok).toBe(false);
  });

  it('every event of the benchmark workload round-trips through JSON and its schema', () => {
    const log = lifecycleLog(5);
    for (const e of log) expect(ConsentEventSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it('every effect validates against its schema', () => {
    const { effects } = run([
      decision(t(0), 'd1', 'ONAY', {
        evidence: { ip: '203.0.113.7' },
        retailerCode: 11223344,
        retailerAccess: [1, 2],
      }),
      { type: 'TICK', at: t(60 * 24 * 5) },
      decision(t(60 * 24 * 5 + 1), 'd2', 'RET'),
      {
        type: 'VERIFICATION_REQUESTED',
        at: t(60 * 24 * 6),
        verificationId: 'v',
        source: 'HS_WEB',
        expiresAt: t(60 * 24 * 7),
      },
    ]);
    expect(new Set(effects.map((e) => e.type))).toEqual(
      new Set([
        'recordEvidence',
        'submitToIys',
        'notifyRecipient',
        'raiseOverdue',
        'cancelIysSubmission',
        'sendVerificationCode',
      ]),
    );
    for (const fx of effects) expect(ConsentEffectSchema.parse(JSON.parse(JSON.stringify(fx)))).toEqual(fx);
  });

  it('toInstant canonicalises and refuses what is not a time', () => {
    expect(toInstant('2026-03-13T16:00:00+03:00')).toBe('2026-03-13T13:00:00.000Z');
    expect(toInstant(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(() => toInstant('yesterday')).toThrow(ConsentMachineError);
    expect(() => toInstant('2026-03-13')).toThrow(/not a valid instant/);
  });
});

describe('replay', () => {
  it('equals the fold of transitions, from a key or from a snapshot', () => {
    const log = lifecycleLog(30, 3);
    let folded = initialState(benchKey(3));
    for (const e of log) folded = transition(folded, e).state;
    expect(replay(log, benchKey(3))).toEqual(folded);
    const half = replay(log.slice(0, 100), benchKey(3));
    const fromSnapshot = replay(log.slice(100), JSON.parse(JSON.stringify(half)));
    expect(fromSnapshot).toEqual(folded);
  });

  it('skips refused events, or throws on them when strict', () => {
    const log = [decision(t(0), 'd1', 'RET'), decision(t(1), 'd2', 'ONAY')];
    expect(replay(log, PHONE_KEY).current?.id).toBe('d2');
    let thrown: unknown;
    try {
      replay(log, PHONE_KEY, { strict: true });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConsentMachineError);
    expect(isIzinkitError(thrown)).toBe(true);
    expect((thrown as ConsentMachineError).code).toBe('replay_rejected_event');
    expect(((thrown as Error).cause as { code: string }).code).toBe('first_record_ret');
  });

  it('uses the calendar options it is given (the same ones the log was recorded with)', () => {
    const log = [decision('2026-03-18T07:00:00.000Z', 'd1', 'ONAY')];
    expect(replay(log, PHONE_KEY).outbox[0]?.deadlineAt).toBe('2026-03-24T20:59:59.999Z');
    expect(replay(log, PHONE_KEY, { calendar: { halfDays: 'holiday' } }).outbox[0]?.deadlineAt).toBe(
      '2026-03-25T20:59:59.999Z',
    );
  });
});

describe('migrate', () => {
  it('accepts a current snapshot and refuses newer, missing or corrupt ones', () => {
    const s = run([decision(t(0), 'd1', 'ONAY')]).state;
    expect(migrate(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, value: s });
    const newer = migrate({ ...s, machineVersion: MACHINE_VERSION + 1 });
    expect(newer.ok ? null : newer.error.code).toBe('unsupported_version');
    const none = migrate({ ...s, machineVersion: undefined });
    expect(none.ok ? null : none.error.code).toBe('invalid_state');
    const corrupt = migrate({ ...s, seq: -1 });
    expect(corrupt.ok ? null : corrupt.error.code).toBe('invalid_state');
    expect(migrate('nope').ok).toBe(false);
  });

  it('runs a chain of steps from an old version to the current one (synthetic steps)', () => {
    const steps = new Map([
      [1, (x: Record<string, unknown>) => ({ ...x, machineVersion: 2, renamed: x.old })],
      [2, (x: Record<string, unknown>) => ({ ...x, machineVersion: 3 })],
    ]);
    expect(runMigrations({ machineVersion: 1, old: 'v' }, steps, 3)).toEqual({
      ok: true,
      value: { machineVersion: 3, old: 'v', renamed: 'v' },
    });
    expect(
      runMigrations({ machineVersion: 1 }, new Map([[1, (x) => ({ ...x, machineVersion: 1 })]]), 2),
    ).toEqual({
      ok: false,
      code: 'invalid_state',
    });
    expect(runMigrations({ machineVersion: 2 }, steps, 4)).toEqual({
      ok: false,
      code: 'unsupported_version',
    });
  });
});

describe('errors', () => {
  it('carry a stable code and Turkish and English messages', () => {
    const e = consentError('first_record_ret');
    expect(e.code).toBe('first_record_ret');
    expect(e.tr).toMatch(/RET/);
    expect(e.en).toMatch(/H175/);
    expect(e.message).toBe(`${e.tr} / ${e.en}`);
    expect(consentError('first_record_ret')).toBe(e);
    expect(consentError('invalid_event', { path: ['at'] }).path).toEqual(['at']);
    expect(isIzinkitError(new Error('x'))).toBe(false);
  });

  it('an applied transition is deterministic: the same input gives equal output', () => {
    const e = decision(t(0), 'd1', 'ONAY');
    expect(transition(initialState(PHONE_KEY), e)).toEqual(transition(initialState(PHONE_KEY), e));
  });
});
