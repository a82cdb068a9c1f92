import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConsentEffect,
  type ConsentEvent,
  type ConsentKey,
  type ConsentState,
  consentKey,
  type DecisionRecorded,
  initialState,
  type MaySendDecision,
  maySend,
  replay,
  type TransitionResult,
  transition,
} from '../src/index.js';

declare const key: ConsentKey;

describe('types', () => {
  it('transition takes a state and an event and returns state, effects and outcome', () => {
    expectTypeOf(transition).parameter(0).toEqualTypeOf<ConsentState>();
    expectTypeOf(transition).parameter(1).toEqualTypeOf<ConsentEvent>();
    expectTypeOf(transition(initialState(key), { type: 'TICK', at: '' })).toEqualTypeOf<TransitionResult>();
    expectTypeOf<TransitionResult['effects']>().toEqualTypeOf<readonly ConsentEffect[]>();
  });

  it('outcomes and effects narrow on their discriminant', () => {
    const r = transition(initialState(key), { type: 'TICK', at: '' });
    if (r.outcome.kind === 'rejected')
      expectTypeOf(r.outcome.error.code).toEqualTypeOf<import('../src/index.js').RejectionCode>();
    for (const fx of r.effects) {
      if (fx.type === 'submitToIys') expectTypeOf(fx.changeId).toEqualTypeOf<string>();
    }
  });

  it('a decision of ours cannot carry an IYS_* source', () => {
    const ok: DecisionRecorded = {
      type: 'DECISION_RECORDED',
      at: '',
      decisionId: 'd',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: '',
    };
    expectTypeOf(ok.source).toEqualTypeOf<import('@izinkit/iys').ProviderSource>();
    // @ts-expect-error IYS_WEB is not a provider source
    const bad: DecisionRecorded = { ...ok, source: 'IYS_WEB' };
    void bad;
  });

  it('results narrow on ok', () => {
    const k = consentKey({ brandCode: '1', recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA' });
    if (k.ok) expectTypeOf(k.value).toEqualTypeOf<ConsentKey>();
    else expectTypeOf(k.error.code).toEqualTypeOf<import('../src/index.js').KeyErrorCode>();
  });

  it('maySend and replay', () => {
    expectTypeOf(maySend(initialState(key), new Date())).toEqualTypeOf<MaySendDecision>();
    expectTypeOf(replay([], key)).toEqualTypeOf<ConsentState>();
  });
});
