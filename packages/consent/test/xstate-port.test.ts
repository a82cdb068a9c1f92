/**
 * The benchmark compares izinkit with the same logic written as an XState v5 machine
 * (bench/xstate-port.ts). This checks that it is the same logic: on the benchmark workload and on
 * random event sequences, both machines reach the same state with the same effects, event by event.
 */
import { walkAlphabet, walkClock } from '@izinkit/test-utils/consent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchKey, lifecycleLog } from '../bench/workload.js';
import { portStart, portState, portStep } from '../bench/xstate-port.js';
import { type ConsentEvent, initialState, transition } from '../src/index.js';
import { PHONE_KEY } from './helpers.js';

function compare(events: readonly ConsentEvent[], key = PHONE_KEY): void {
  let ours = initialState(key);
  let theirs = portStart(key);
  events.forEach((e, i) => {
    const r = transition(ours, e);
    const p = portStep(theirs, e);
    ours = r.state;
    theirs = p.snapshot;
    expect(portState(theirs), `state after event ${i} (${e.type})`).toEqual(ours);
    expect(p.effects, `effects of event ${i} (${e.type})`).toEqual(r.effects);
  });
}

describe('the XState port used by the benchmark', () => {
  it('agrees with izinkit on the benchmark workload', () => {
    compare(lifecycleLog(40), benchKey(7));
  });

  it('agrees with izinkit on every sequence of the walk alphabet to depth 4', () => {
    let frontier = [{ ours: initialState(PHONE_KEY), theirs: portStart(PHONE_KEY) }];
    let checked = 0;
    for (let depth = 0; depth < 4; depth++) {
      const ms = walkClock(depth);
      const at = new Date(ms).toISOString();
      const next = new Map<string, (typeof frontier)[number]>();
      for (const { ours, theirs } of frontier) {
        for (const letter of walkAlphabet) {
          const e = letter.make(ours, depth, at, ms);
          const r = transition(ours, e);
          const p = portStep(theirs, e);
          const same = JSON.stringify(portState(p.snapshot)) === JSON.stringify(r.state);
          const sameFx = JSON.stringify(p.effects) === JSON.stringify(r.effects);
          if (!same || !sameFx) {
            expect({ event: e, state: portState(p.snapshot), effects: p.effects }).toEqual({
              event: e,
              state: r.state,
              effects: r.effects,
            });
          }
          checked++;
          next.set(JSON.stringify(r.state), { ours: r.state, theirs: p.snapshot });
        }
      }
      frontier = [...next.values()];
    }
    expect(checked).toBeGreaterThan(15_000);
  });

  it('agrees with izinkit on random event sequences over the walk alphabet', () => {
    const start = Date.parse('2026-03-02T07:00:00.000Z');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: walkAlphabet.length - 1 }),
            fc.integer({ min: 1, max: 3 * 24 * 60 }),
          ),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (steps) => {
          let ours = initialState(PHONE_KEY);
          let theirs = portStart(PHONE_KEY);
          let ms = start;
          steps.forEach(([letter, minutes], depth) => {
            ms += minutes * 60_000;
            const e = walkAlphabet[letter]!.make(ours, depth, new Date(ms).toISOString(), ms);
            const r = transition(ours, e);
            const p = portStep(theirs, e);
            ours = r.state;
            theirs = p.snapshot;
            expect(portState(theirs)).toEqual(ours);
            expect(p.effects).toEqual(r.effects);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
