/**
 * `transition` collects effects in one buffer shared by all calls and copies them out: every result
 * must still own its effects, and a transition started while another one runs (a getter on an
 * event calling `transition`) must not mix the two.
 */
import { describe, expect, it } from 'vitest';
import { type ConsentEvent, initialState, transition } from '../src/index.js';
import { decision, PHONE_KEY, t } from './helpers.js';

describe('effects of a transition', () => {
  it('belong to their result: later transitions leave them as they were', () => {
    const first = transition(initialState(PHONE_KEY), decision(t(0), 'd1', 'ONAY'));
    const types = first.effects.map((e) => e.type);
    expect(types).toEqual(['recordEvidence', 'submitToIys', 'notifyRecipient']);
    const copy = structuredClone(first.effects);

    const second = transition(first.state, decision(t(60), 'd2', 'RET'));
    expect(second.outcome.kind).toBe('applied');
    expect(second.effects.length).toBeGreaterThan(0);
    const ignored = transition(second.state, decision(t(61), 'd3', 'RET'));
    expect(ignored.outcome.kind).toBe('ignored');
    expect(ignored.effects).toEqual([]);
    const rejected = transition(initialState(PHONE_KEY), decision(t(0), 'd4', 'RET'));
    expect(rejected.outcome.kind).toBe('rejected');
    expect(rejected.effects).toEqual([]);

    expect(first.effects).toEqual(copy);
    expect(first.effects).not.toBe(second.effects);
    expect(second.effects.some((e) => 'decisionId' in e && e.decisionId === 'd1')).toBe(false);
  });

  it('keep a transition started inside another one apart from it', () => {
    let inner: ReturnType<typeof transition> | undefined;
    const plain = decision(t(0), 'd1', 'ONAY');
    const tricky = { ...plain } as Record<string, unknown>;
    // Read after the outer transition has built its decision, before it files its İYS change.
    Object.defineProperty(tricky, 'evidence', {
      get() {
        inner ??= transition(
          initialState(PHONE_KEY),
          decision(t(5), 'other', 'ONAY', { source: 'HS_MESAJ' }),
        );
        return undefined;
      },
    });
    const outer = transition(initialState(PHONE_KEY), tricky as unknown as ConsentEvent);
    const expected = transition(initialState(PHONE_KEY), plain);
    expect(inner).toBeDefined();
    expect(outer.effects).toEqual(expected.effects);
    expect(outer.state).toEqual(expected.state);
    expect(inner!.state.current).toMatchObject({ id: 'other', changesIssued: 1 });
    expect(inner!.effects.map((e) => e.type)).toEqual(['recordEvidence', 'submitToIys', 'notifyRecipient']);
    expect(inner!.effects.every((e) => !('decisionId' in e) || e.decisionId === 'other')).toBe(true);
  });
});
