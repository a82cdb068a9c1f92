import {
  type ConsentEffect,
  type ConsentEvent,
  type ConsentKey,
  type ConsentState,
  initialState,
  type TransitionContext,
  type TransitionResult,
  transition,
  violatedStepInvariants,
} from '../src/index.js';

export const PHONE_KEY: ConsentKey = {
  brandCode: '600000',
  recipient: '+905321234567',
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
};
export const EMAIL_KEY: ConsentKey = {
  brandCode: '600000',
  recipient: 'ali@example.com',
  recipientType: 'BIREYSEL',
  type: 'EPOSTA',
};

const MIN = 60_000;
const HOUR = 60 * MIN;
export const DAY: number = 24 * HOUR;

/** A clock for examples: `t(0)` is Monday 2026-03-02 10:00 in Türkiye; `t(n)` is n minutes later. */
export const T0: number = Date.parse('2026-03-02T07:00:00.000Z');
export function t(minutes: number): string {
  return new Date(T0 + minutes * MIN).toISOString();
}
export function days(n: number): number {
  return n * 24 * 60;
}

export function decision(
  at: string,
  id: string,
  status: 'ONAY' | 'RET',
  extra: Partial<Extract<ConsentEvent, { type: 'DECISION_RECORDED' }>> = {},
): ConsentEvent {
  return {
    type: 'DECISION_RECORDED',
    at,
    decisionId: id,
    status,
    source: status === 'ONAY' ? 'HS_WEB' : 'HS_CAGRI_MERKEZI',
    consentDate: at,
    ...extra,
  } as ConsentEvent;
}

/**
 * Runs events one by one from a fresh state, asserting every step invariant on the way, and
 * returns the last result with every result along the way.
 */
export function run(
  events: readonly ConsentEvent[],
  from: ConsentState = initialState(PHONE_KEY),
  context?: TransitionContext,
): { state: ConsentState; results: TransitionResult[]; effects: ConsentEffect[]; last: TransitionResult } {
  let state = from;
  const results: TransitionResult[] = [];
  const effects: ConsentEffect[] = [];
  for (const e of events) {
    const r = transition(state, e, context);
    const broken = violatedStepInvariants(state, e, r);
    if (broken.length > 0) throw new Error(`invariants broken by ${e.type}: ${broken.join(', ')}`);
    results.push(r);
    effects.push(...r.effects);
    state = r.state;
  }
  const last = results[results.length - 1];
  if (last === undefined) throw new Error('no events');
  return { state, results, effects, last };
}

export function outcomeCode(r: TransitionResult): string {
  const o = r.outcome;
  return o.kind === 'applied' ? 'applied' : o.kind === 'ignored' ? o.code : o.error.code;
}
